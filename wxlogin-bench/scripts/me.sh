#!/usr/bin/env bash
# Requests per second of an authenticated GET /v1/me next to a trivial endpoint of the same server
# (GET /.well-known/openid-configuration: same Spring MVC stack and JSON, no token, no database),
# so the cost of the token and session checks is a ratio. wrk, 2 threads, 32 connections, 10 s per
# run, alternating, three runs each after a warm-up. Usage: wxlogin-bench/scripts/me.sh [java]
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
java=${1:-java}
port=18130
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
(cd "$dir" && WXLOGIN_RATE_LIMIT_PER_IP=0 exec "$java" -jar "$root/wxlogin-server/target/wxlogin-server.jar" --dev --server.port=$port >"$dir/log" 2>&1) &
pid=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/actuator/health" >/dev/null 2>&1; do sleep 0.1; done
code=$(curl -s -X POST "$base/wechat-sim/sim/login" -H 'Content-Type: application/json' \
  -d '{"appId":"wx0000000000000001","user":"bench-me"}' | sed 's/.*"code":"\([^"]*\)".*/\1/')
token=$(curl -s -X POST "$base/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"appId\":\"wx0000000000000001\",\"code\":\"$code\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
"$java" -version 2>&1 | head -1
rps() { wrk -t2 -c32 -d"$1" "$@" 2>/dev/null | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON-2XX " $0}'; }
me() { wrk -t2 -c32 -d"$1" -H "Authorization: Bearer $token" "$base/v1/me" 2>/dev/null | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON-2XX:" $4}'; }
trivial() { wrk -t2 -c32 -d"$1" "$base/.well-known/openid-configuration" 2>/dev/null | awk '/Requests\/sec/ {print $2}'; }
for w in 1 2; do me 10s >/dev/null; trivial 10s >/dev/null; done
for i in 1 2 3 4; do
  t=$(trivial 10s); m=$(me 10s)
  echo "run $i: trivial $t req/s, /v1/me $m req/s, ratio $(awk -v a="$m" -v b="$t" 'BEGIN {printf "%.0f%%", 100*a/b}')"
done
