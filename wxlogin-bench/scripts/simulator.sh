#!/usr/bin/env bash
# The standalone simulator's own rate: calls per second on ONE keep-alive connection (wrk -t1 -c1),
# the way a backend under test calls it, and on 32 connections. Each call is jscode2session with a
# code the simulator does not know (errcode 40029): the whole request path without spending state.
# Then the same call with 200 ms of injected latency on 2,000 connections at once, as a benchmark of
# a backend against a slow WeChat stalls them: a stall is scheduled on the event loop, not slept, so
# the median call should take about 200 ms and the rate come near 2,000 / 0.2 s = 10,000 calls/s
# (less where the machine cannot keep up); stalls served one after another would show seconds.
# Runs the simulator as it ships, no JVM option. (An earlier version also ran it with TCP_NODELAY
# off through a system property of the JDK's HTTP server; the simulator now serves over Netty, which
# sets TCP_NODELAY on each connection itself and reads no such property, so that run is gone.)
# Usage: wxlogin-bench/scripts/simulator.sh [java]
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
java=${1:-java}
port=18140
app=wx0000000000000001
secret=0123456789abcdef0123456789abcdef
stalled=2000
latency_ms=200
jar="$root/wxlogin-simulator/target/wxlogin-simulator.jar"
[ -f "$jar" ] || { echo "build it first: mvn -B -q -pl wxlogin-simulator package -DskipTests" >&2; exit 1; }
# 2,000 connections need as many descriptors on each side, and then some.
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge $((stalled + 200)) ] || ulimit -n $((stalled + 1000)) \
  || { echo "needs ulimit -n of $((stalled + 200)) or more" >&2; exit 1; }
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
url="$base/sns/jscode2session?appid=$app&secret=$secret&js_code=nosuchcode&grant_type=authorization_code"
rate() { wrk -t1 -c"$1" -d10s "$url" 2>/dev/null | awk '/Requests\/sec/ {print $2}'; }
"$java" -version 2>&1 | head -1
WXSIM_APPS="$app:$secret" "$java" -jar "$jar" --server.port=$port >/dev/null 2>&1 &
pid=$!
until curl -s -o /dev/null "$url" 2>/dev/null; do sleep 0.1; done
rate 1 >/dev/null; rate 32 >/dev/null # warm-up
echo "as shipped: one connection $(rate 1) calls/s, 32 connections $(rate 32) calls/s"
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d "{\"path\":\"/sns/jscode2session\",\"latencyMs\":$latency_ms,\"count\":10000000}" "$base/sim/faults"
out=$(wrk -t1 -c$stalled -d10s --latency "$url" 2>/dev/null)
echo "each call stalled $latency_ms ms, $stalled connections:" \
  "$(awk '/Requests\/sec/ {print $2}' <<<"$out") calls/s, median $(awk '$1 == "50%" {print $2}' <<<"$out")," \
  "99th percentile $(awk '$1 == "99%" {print $2}' <<<"$out")"
kill $pid; wait $pid 2>/dev/null || true; pid=
