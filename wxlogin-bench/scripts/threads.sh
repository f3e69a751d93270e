#!/usr/bin/env bash
# Is a login bound by threads or by CPU? WeChat (the standalone simulator) answers every
# code2Session after LAT ms, and wrk holds C connections open, each posting a fresh code per login.
# A login that holds a request thread through WeChat's answer caps the service at about
# threads / latency (Tomcat's 200 threads / 200 ms = 1,000 logins/s) with CPU to spare; one that
# releases the thread is capped by CPU. Prints key=value lines: logins/s, latency, answers by status
# (all 200 when enough codes were minted), the CPU the service, simulator and wrk used in cores, the
# machine's busy share, and the service's peak thread count.
#
# Run from anywhere once `mvn -B -q package -DskipTests` has built the jars:
#   wxlogin-bench/scripts/threads.sh
#   JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java C=2000 LAT=200 DUR=20s wxlogin-bench/scripts/threads.sh
#   JAR=/elsewhere/wxlogin-server.jar ...   another build of the service (a before/after comparison)
#   THREADS=20 ...   Tomcat's request threads (default: the service's own, 8 a core and at least 16;
#                    200 was Tomcat's): a login that held one would be capped at 20 / 200 ms = 100/s
# SIM_JAVA runs the simulator (default java; it holds stalled answers on timers, not threads); the
# service starts through bin/wxlogin (its JVM settings, JAVA_HOME's java), or with plain
# `$JAVA -jar` when LAUNCH=java-jar (JAVA: default java, JDK 17 here).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=${JAVA:-java}
SIM_JAVA=${SIM_JAVA:-java}
JAR=${JAR:-$root/wxlogin-server/target/wxlogin-server.jar}
SIM_JAR=${SIM_JAR:-$root/wxlogin-simulator/target/wxlogin-simulator.jar}
C=${C:-2000}; LAT=${LAT:-200}; DUR=${DUR:-30s}; WARM=${WARM:-30s}
# Codes to mint for each run: more than the run can spend (a reused code is a fast 401, not a login).
CODES=${CODES:-80000}
for j in "$JAR" "$SIM_JAR"; do [ -f "$j" ] || { echo "missing $j: mvn -B -q package -DskipTests" >&2; exit 2; }; done
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((C * 3 + 1000)) ] || echo "warning: ulimit -n $(ulimit -n) is low for $C connections" >&2

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; cp "$work/service.log" "${TMPDIR:-/tmp}/threads-service.log" 2>/dev/null; rm -rf "$work"' EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ps_=$(freeport); pw=$(freeport)
app=wx0000000000000001
apps="$app:s3cret-one:g1"

WXSIM_APPS=$apps "$SIM_JAVA" -jar "$SIM_JAR" --server.port="$ps_" >"$work/sim.log" 2>&1 &
sim=$!; pids+=("$sim")
mkdir "$work/data"
if [ "${LAUNCH:-launcher}" = java-jar ]; then launch=("$JAVA" ${JAVA_OPTS:-} -jar "$JAR"); else launch=("$root/bin/wxlogin"); fi
(cd "$work/data" && WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_APPS=$apps WXLOGIN_WECHAT_BASE_URL=http://127.0.0.1:$ps_ \
  WXLOGIN_JAR="$JAR" exec "${launch[@]}" --server.port="$pw" ${THREADS:+--server.tomcat.threads.max=$THREADS} \
  >"$work/service.log" 2>&1) &
svc=$!; pids+=("$svc")
up() { for _ in $(seq 1 480); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
up "http://127.0.0.1:$ps_/sim/stats" || { tail -20 "$work/sim.log"; echo "simulator did not start" >&2; exit 1; }
up "http://127.0.0.1:$pw/actuator/health" || { tail -20 "$work/service.log"; echo "service did not start" >&2; exit 1; }
echo "service_java=$("$JAVA" -version 2>&1 | head -1 | tr ' ' '_')"
echo "simulator_java=$("$SIM_JAVA" -version 2>&1 | head -1 | tr ' ' '_')"
echo "cores=$(nproc) connections=$C wechat_latency_ms=$LAT duration=$DUR warm_up=$WARM tomcat_threads=${THREADS:-default}"

cat >"$work/mint.lua" <<'EOF'
-- one new test user per request; its code goes to OUT.<thread>
local counter, f = 0, nil
function setup(thread) thread:set("tid", tostring(nthreads or 0)); nthreads = (nthreads or 0) + 1 end
function init(args) f = assert(io.open(os.getenv("OUT") .. "." .. tid, "w")); f:setvbuf("full") end
function request()
  counter = counter + 1
  return wrk.format("POST", "/sim/login", { ["Content-Type"] = "application/json" },
    '{"appId":"' .. os.getenv("APP") .. '","user":"' .. os.getenv("TAG") .. '-' .. tid .. '-' .. counter .. '"}')
end
function response(status, headers, body)
  local c = body:match('"code":"([^"]+)"')
  if c then f:write(c .. "\n"); f:flush() end
end
EOF
cat >"$work/login.lua" <<'EOF'
-- POST /v1/auth/login, a fresh code each, codes from CODES split across the threads
local codes, i, n = {}, 0, 0
function setup(thread) thread:set("tid", counter or 0); counter = (counter or 0) + 1 end
function init(args)
  local k = 0
  for line in io.lines(os.getenv("CODES")) do
    if k % 2 == tid then codes[#codes + 1] = '{"appId":"' .. os.getenv("APP") .. '","code":"' .. line .. '"}' end
    k = k + 1
  end
  n = #codes
end
function request()
  i = i + 1; if i > n then i = 1 end
  return wrk.format("POST", "/v1/auth/login", { ["Content-Type"] = "application/json" }, codes[i])
end


function done(summary, latency, requests)
  io.write(string.format("p50_ms=%.1f p99_ms=%.1f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
EOF
mint() { # file n
  : >"$1"
  while [ "$(wc -l <"$1")" -lt "$2" ]; do
    OUT=$1.part APP=$app TAG=threads-$(basename "$1")-$RANDOM wrk -t2 -c32 -d5s -s "$work/mint.lua" \
      "http://127.0.0.1:$ps_" >/dev/null 2>&1 || true
    cat "$1".part.* >>"$1"; rm -f "$1".part.*
  done
}
mint "$work/warm" $((CODES / 2))
mint "$work/codes" "$CODES"
# The simulator takes at most 100,000 faulty calls at a time: set afresh before each run.
stall() {
  curl -fsS -XDELETE "http://127.0.0.1:$ps_/sim/faults" >/dev/null
  curl -fsS -XPOST -H 'content-type: application/json' \
    -d "{\"path\":\"/sns/jscode2session\",\"latencyMs\":$LAT,\"count\":100000}" "http://127.0.0.1:$ps_/sim/faults" >/dev/null
}

load() { # codes duration
  CODES=$1 APP=$app wrk -t2 -c"$C" -d"$2" --timeout 30s -s "$work/login.lua" "http://127.0.0.1:$pw"
}
calls() { curl -fsS "http://127.0.0.1:$ps_/sim/stats" | python3 -c 'import json,sys;print(json.load(sys.stdin)["calls"]["/sns/jscode2session"])'; }
stall
load "$work/warm" "$WARM" >/dev/null 2>&1
# The warm-up's connections are closed, but the service still holds the logins they sent (queued
# for a request thread): let it finish them, or the measured run starts behind a backlog.
last=-1; for _ in $(seq 1 120); do now=$(calls); [ "$now" = "$last" ] && break; last=$now; sleep 2; done
stall

# CPU in clock ticks: the service's, the simulator's and the machine's (busy = all but idle and iowait).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
machine() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
hz=$(getconf CLK_TCK)
( peak=0; while kill -0 "$svc" 2>/dev/null; do
    t=$(awk '/^Threads/{print $2}' "/proc/$svc/status" 2>/dev/null || echo 0)
    [ "${t:-0}" -gt "$peak" ] && peak=$t && echo "$peak" >"$work/threads"
    sleep 0.5
  done ) &
pids+=("$!")
c0=$(calls); s0=$(ticks "$svc"); m0=$(ticks "$sim"); read -r b0 a0 <<<"$(machine)"; t0=$(date +%s%N)
load "$work/codes" "$DUR" >"$work/wrk.out" 2>&1 || true
s1=$(ticks "$svc"); m1=$(ticks "$sim"); read -r b1 a1 <<<"$(machine)"; t1=$(date +%s%N); c1=$(calls)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1e9}')
cores() { awk -v d="$1" -v hz="$hz" -v s="$secs" 'BEGIN{printf "%.2f", d/hz/s}'; }

awk '/Requests\/sec/{print "logins_per_s=" int($2)} /p50_ms/{print $1; print $2}
     /Non-2xx/{print "non_2xx=" $5} /Socket errors/{print "socket_errors=" $0}' "$work/wrk.out" | sed 's/socket_errors=.*Socket errors: /socket_errors=/'
grep -q Non-2xx "$work/wrk.out" || echo "non_2xx=0"
# The same from the other side: code2Session calls WeChat answered during the run, per second.
echo "wechat_calls_per_s=$(awk -v c=$((c1 - c0)) -v s="$secs" 'BEGIN{printf "%d", c/s}')"
echo "service_cpu_cores=$(cores $((s1 - s0)))"
echo "simulator_cpu_cores=$(cores $((m1 - m0)))"
echo "machine_busy_pct=$(awk -v b=$((b1 - b0)) -v a=$((a1 - a0)) 'BEGIN{printf "%.0f", 100*b/a}')"
# The rest of the busy CPU: wrk, mostly, and whatever else shares the machine.
echo "other_cpu_cores=$(cores $((b1 - b0 - (s1 - s0) - (m1 - m0))))"
echo "service_peak_threads=$(cat "$work/threads" 2>/dev/null || echo '?')"
echo "service_rss_mb=$(awk '/^VmRSS/{print int($2/1024)}' "/proc/$svc/status" 2>/dev/null || echo '?')"
