#!/usr/bin/env bash
# The standalone simulator's own rate: calls per second on ONE keep-alive connection (wrk -t1 -c1),
# the way a backend under test calls it, and on 32 connections. Each call is jscode2session with a
# code the simulator does not know (errcode 40029): the whole request path without spending state.
# Runs the simulator as it ships (no JVM option), then, for the figure before the fix, with
# TCP_NODELAY turned off explicitly. Usage: wxlogin-bench/scripts/simulator.sh [java]
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
java=${1:-java}
port=18140
app=wx0000000000000001
secret=0123456789abcdef0123456789abcdef
jar="$root/wxlogin-simulator/target/wxlogin-simulator.jar"
[ -f "$jar" ] || { echo "build it first: mvn -B -q -pl wxlogin-simulator package -DskipTests" >&2; exit 1; }
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/sns/jscode2session?appid=$app&secret=$secret&js_code=nosuchcode&grant_type=authorization_code"
rate() { wrk -t1 -c"$1" -d10s "$url" 2>/dev/null | awk '/Requests\/sec/ {print $2}'; }
run() {
  WXSIM_APPS="$app:$secret" "$java" $1 -jar "$jar" --server.port=$port >/dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null "$url" 2>/dev/null; do sleep 0.1; done
  rate 1 >/dev/null; rate 32 >/dev/null # warm-up
  echo "$2: one connection $(rate 1) calls/s, 32 connections $(rate 32) calls/s"
  kill $pid; wait $pid 2>/dev/null || true; pid=
}
"$java" -version 2>&1 | head -1
run "" "as shipped"
run "-Dsun.net.httpserver.nodelay=false" "TCP_NODELAY off (before the fix)"
