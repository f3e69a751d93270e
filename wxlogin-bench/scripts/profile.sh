#!/usr/bin/env bash
# Where a login's (or a GET /v1/me's) CPU goes, as docs/benchmarks.md reports it: the standalone
# simulator as WeChat, the service through bin/wxlogin, wrk -c64 as ../shared/bench/compare.sh runs
# it, a warm-up, then async-profiler (CPU samples of every thread, the JIT compilers' included) over
# the measured run. async-profiler comes from Maven Central (tools.profiler:async-profiler, its
# linux-x64 jar holds the agent) and is attached to the running JVM, so the service starts as it ships.
# Prints the run's requests/s and latency, the service's CPU by thread, and the profile's shares by
# part (JIT, SQLite, the store's transaction, the rest), each also as CPU time per request (SQLite's
# by call); the collapsed stacks stay in $OUT for a flame graph or grep.
#
# Run from anywhere once `mvn -B -q package -DskipTests` has built the jars:
#   wxlogin-bench/scripts/profile.sh                 logins, 30 s warm-up, 8 s profiled
#   WHAT=me wxlogin-bench/scripts/profile.sh         GET /v1/me of one user
#   WHAT=trivial wxlogin-bench/scripts/profile.sh    GET /.well-known/openid-configuration (compare.sh's trivial)
#   WARM=8s DUR=8s OUT=/tmp/p.txt JAVA_OPTS=... wxlogin-bench/scripts/profile.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench=$root/wxlogin-bench/scripts
WHAT=${WHAT:-login}; WARM=${WARM:-30s}; DUR=${DUR:-8s}; C=${C:-64}
# Fresh codes for each phase, enough for 3,000 logins a second (N sets both): a phase that ran out
# would go on with spent codes and measure refusals instead of logins.
secs() { # 30s, 2m or 45 as seconds; another form of wrk's (1m30s) counts as 120: set N for more
  case "$1" in *[!0-9ms]* | *m*s | '') echo 120 ;; *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac
}
N_WARM=${N:-$(( 3000 * $(secs "$WARM") ))}; N_RUN=${N:-$(( 3000 * $(secs "$DUR") ))}
OUT=${OUT:-${TMPDIR:-/tmp}/wxlogin-profile.txt}
SIM_JAR=$root/wxlogin-simulator/target/wxlogin-simulator.jar
[ -f "$SIM_JAR" ] && [ -f "$root/wxlogin-server/target/wxlogin-server.jar" ] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT

# The agent, and a 10-line attacher (the JDK's jcmd JVMTI.agent_load splits async-profiler's options).
version=4.1
m2=${HOME}/.m2/repository/tools/profiler/async-profiler/$version
[ -f "$m2/async-profiler-$version-linux-x64.jar" ] \
  || mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$version:jar:linux-x64 >/dev/null
(cd "$work" && unzip -q -o "$m2/async-profiler-$version-linux-x64.jar" linux-x64/libasyncProfiler.so)
agent=$work/linux-x64/libasyncProfiler.so
cat >"$work/Attach.java" <<'EOF'
public class Attach {
    public static void main(String[] a) throws Exception {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(a[0]);
        vm.loadAgentPath(a[1], a[2]);
        vm.detach();
    }
}
EOF
javac -d "$work" "$work/Attach.java"
attach() { java -cp "$work" Attach "$1" "$agent" "$2" >/dev/null; }

freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ps_=$(freeport); pw=$(freeport)
app=wx0000000000000001
apps="$app:s3cret-one:g1"
WXSIM_APPS=$apps java -jar "$SIM_JAR" --server.port="$ps_" >"$work/sim.log" 2>&1 & pids+=($!)
mkdir "$work/data"
(cd "$work/data" && exec env WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_APPS=$apps \
  WXLOGIN_WECHAT_BASE_URL="http://127.0.0.1:$ps_" "$root/bin/wxlogin" --server.port="$pw" >"$work/service.log" 2>&1) &
pids+=($!)
up() { for _ in $(seq 1 480); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
up "http://127.0.0.1:$ps_/sim/stats" || { echo "the simulator did not start" >&2; exit 1; }
up "http://127.0.0.1:$pw/actuator/health" || { tail -20 "$work/service.log" >&2; exit 1; }
pid=$(pgrep -f -- "--server.port=$pw" | tail -1)

mint() { # file n: n fresh codes, one new user each
  : >"$1"
  while [ "$(wc -l <"$1")" -lt "$2" ]; do
    rm -f "$1".*
    OUT=$1.part TAG=profile-$RANDOM APP=$app wrk -t2 -c16 -d3s -s "$bench/growth-mint.lua" \
      "http://127.0.0.1:$ps_" >/dev/null 2>&1 || true
    cat "$1".part.* >>"$1" 2>/dev/null || true
    rm -f "$1".part.*
  done
}
run() { # duration codes-file
  if [ "$WHAT" = me ]; then
    wrk -t2 -c"$C" -d"$1" -H "Authorization: Bearer $token" "http://127.0.0.1:$pw/v1/me"
  elif [ "$WHAT" = trivial ]; then
    wrk -t2 -c"$C" -d"$1" "http://127.0.0.1:$pw/.well-known/openid-configuration"
  else
    CODES=$2 APP=$app THREADS=2 wrk -t2 -c"$C" -d"$1" --timeout 30s -s "$bench/growth-login.lua" "http://127.0.0.1:$pw"
  fi | grep -E 'Requests/sec|login_rps|Non-2xx' || true
}
if [ "$WHAT" = me ]; then
  code=$(curl -fsS -XPOST -H 'content-type: application/json' -d "{\"appId\":\"$app\",\"user\":\"profile-me\"}" \
    "http://127.0.0.1:$ps_/sim/login" | python3 -c 'import json,sys;print(json.load(sys.stdin)["code"])')
  token=$(curl -fsS -XPOST -H 'content-type: application/json' -d "{\"appId\":\"$app\",\"code\":\"$code\"}" \
    "http://127.0.0.1:$pw/v1/auth/login" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')
elif [ "$WHAT" != trivial ]; then
  mint "$work/warm" "$N_WARM"; mint "$work/codes" "$N_RUN"
fi
echo "warm-up ($WARM):"; run "$WARM" "$work/warm"
ticks() { awk '{print $14+$15}' "/proc/$pid/stat"; }
attach "$pid" "start,event=cpu,interval=1000000"
t0=$(ticks)
echo "profiled ($DUR):"; run "$DUR" "$work/codes" | tee "$work/profiled.txt"
t1=$(ticks)
# the requests the profile covers: the login script counts its logins; wrk gives /v1/me's rate
requests=$(sed -n 's/.* logins=\([0-9]*\).*/\1/p' "$work/profiled.txt" | head -1)
[ -n "$requests" ] || requests=$(awk -v d="${DUR%s}" '/Requests\/sec/{printf "%d", $2 * d}' "$work/profiled.txt")
attach "$pid" "stop,file=$OUT,collapsed"
echo "service_cpu_cores=$(python3 -c "print(round(($t1-$t0)/$(getconf CLK_TCK)/${DUR%s}, 2))")"
echo "threads=$(ls "/proc/$pid/task" | wc -l) rss_mb=$(($(ps -o rss= -p "$pid") / 1024))"
python3 - "$OUT" "$requests" <<'EOF'
import collections, re, sys
parts = [("JIT compilers", ("C2Compiler", "Compiler::compile")), ("SQLite (statements, commits)", ("org/sqlite/core/NativeDB",)),
         ("the store's transaction, besides SQLite", ("TransactionTemplate.execute",)),
         ("ES256 signing", ("ECDSASigner.sign",)), ("garbage collection", ("GenCollectedHeap", "SerialHeap", "GCTaskThread"))]
share, sqlite, total = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1); n = int(n); total += n
    share[next((name for name, marks in parts if any(m in stack for m in marks)), "the rest (HTTP, filters, MVC, JSON, core)")] += n
    call = re.search(r"org/sqlite/core/NativeDB\.(\w+)", stack)
    if call:
        sqlite[call.group(1) + (" (in the kernel)" if "_[k]" in stack else "")] += n
# Each sample is 1 ms of CPU (interval=1000000 ns), so samples per request are CPU time per request:
# steadier from run to run than the shares, which move with how much the JIT compilers still do.
requests = max(int(sys.argv[2] or 0), 1)
for name, n in share.most_common():
    print(f"{n / total * 100:5.1f}%  {n * 1000 / requests:6.0f} us a request  {name}")
for name, n in sqlite.most_common(5):
    print(f"        {n * 1000 / requests:6.0f} us a request  SQLite {name}")
print(f"{total} samples over {requests} requests; stacks in {sys.argv[1]}")
EOF
