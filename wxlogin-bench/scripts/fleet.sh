#!/usr/bin/env bash
# One instance on H2 against two instances on PostgreSQL + Redis, same machine, same run, both with
# the standalone simulator jar as WeChat: logins per second (LoginLoad, the instances used in turn)
# and authenticated GET /v1/me per second (wrk, one per instance, summed).
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres), redis-server and wrk.
# Usage: wxlogin-bench/scripts/fleet.sh [seconds]
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
seconds=${1:-20}
apps='wx0000000000000001:bench-secret-1:demo,wx0000000000000002:bench-secret-2:demo,wx0000000000000003:bench-secret-3'
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true;
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS wxbench" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS wxbench" -c "CREATE DATABASE wxbench" >/dev/null
redis-server --port 16399 --bind 127.0.0.1 --save "" --appendonly no >"$dir/redis.log" 2>&1 & pids+=($!)
WXSIM_APPS=$apps WXSIM_MINUTE_LIMIT=0 java -jar wxlogin-simulator/target/wxlogin-simulator.jar \
  --server.port=18200 --server.address=127.0.0.1 >"$dir/sim.log" 2>&1 & pids+=($!)
key=$(head -c 32 /dev/urandom | base64)
start() { # name port extra-env...
  local name=$1 port=$2; shift 2
  mkdir -p "$dir/$name"
  env WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_APPS=$apps WXLOGIN_WECHAT_BASE_URL=http://127.0.0.1:18200 WXLOGIN_MASTER_KEY=$key \
    WXLOGIN_DATA_DIR="$dir/$name" "$@" java -Xmx512m -jar wxlogin-server/target/wxlogin-server.jar \
    --server.port="$port" >"$dir/$name.log" 2>&1 & pids+=($!)
}
start single 18201 WXLOGIN_ISSUER=http://single.test
start fleet-a 18202 WXLOGIN_ISSUER=http://fleet.test WXLOGIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/wxbench \
  WXLOGIN_DB_USER=postgres WXLOGIN_REDIS_URL=redis://127.0.0.1:16399
start fleet-b 18203 WXLOGIN_ISSUER=http://fleet.test WXLOGIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/wxbench \
  WXLOGIN_DB_USER=postgres WXLOGIN_REDIS_URL=redis://127.0.0.1:16399
for p in 18201 18202 18203; do until curl -sf "http://127.0.0.1:$p/actuator/health" >/dev/null 2>&1; do sleep 0.2; done; done
token() { # base
  local code
  code=$(curl -s -X POST http://127.0.0.1:18200/sim/login -H 'Content-Type: application/json' \
    -d '{"appId":"wx0000000000000001","user":"bench-me"}' | sed 's/.*"code":"\([^"]*\)".*/\1/')
  curl -s -X POST "$1/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"appId\":\"wx0000000000000001\",\"code\":\"$code\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
me() { wrk -t"$2" -c"$3" -d"${seconds}s" -H "Authorization: Bearer $4" "$1/v1/me" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON-2XX"}'; }
logins() { java -Dsim=http://127.0.0.1:18200 -Dwarmup=15 -jar wxlogin-bench/target/wxlogin-bench.jar "$1" "$seconds" 16 5000 | tail -2; }
java -version 2>&1 | head -1
echo "== one instance, H2"; logins http://127.0.0.1:18201
echo "== two instances, PostgreSQL + Redis"; logins http://127.0.0.1:18202,http://127.0.0.1:18203
t1=$(token http://127.0.0.1:18201); t2=$(token http://127.0.0.1:18202)
me http://127.0.0.1:18201 2 32 "$t1" >/dev/null   # warm-up
one=$(me http://127.0.0.1:18201 2 32 "$t1")
echo "== GET /v1/me, one instance on H2: $one req/s"
me http://127.0.0.1:18202 2 32 "$t2" >/dev/null   # warm-up, each instance
me http://127.0.0.1:18203 2 32 "$t2" >/dev/null
me http://127.0.0.1:18202 1 16 "$t2" > "$dir/ma" & w1=$!
me http://127.0.0.1:18203 1 16 "$t2" > "$dir/mb" & w2=$!
wait "$w1" "$w2"
echo "== GET /v1/me, two instances on PostgreSQL + Redis: $(cat "$dir/ma") + $(cat "$dir/mb") req/s"
