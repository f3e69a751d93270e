#!/usr/bin/env bash
# Where a login's CPU goes, for wxlogin and the typical stack of ../shared/bench (Spring Boot + WxJava +
# Sa-Token), both on PostgreSQL at 127.0.0.1 (fresh databases; DB=h2: each on its embedded default, as
# compare.sh's, where PostgreSQL's column stays 0) against one standalone simulator, with the
# load of ../shared/bench/compare.sh (wrk -t2 -c64, login.lua, one new user per login). For each measured
# run, the CPU time (user + system, from /proc/<pid>/stat) that each part spent per login: the service's
# JVM, the simulator's JVM, PostgreSQL's processes (all of them: the servers of both stacks' connections
# and its own), wrk, and the rest of the machine. Alternating runs (typical, wxlogin, …) after a warm-up
# of each. On 2 shared cores a stack's logins/s is about 2 s of CPU a second divided by its CPU per
# login, so the split says which part bounds the rate and how far a cut in one part can move it.
#
#   wxlogin-bench/scripts/login-cpu.sh [rounds]        default 2; WARM=20s DUR=15s DB=pg|h2 (pg)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared=$root/../shared/bench
rounds=${1:-2}; WARM=${WARM:-20s}; DUR=${DUR:-15s}; DB=${DB:-pg}
sim=$root/wxlogin-simulator/target/wxlogin-simulator.jar
[ -f "$sim" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
[ -f "$shared/compare.sh" ] || { echo "needs the typical stack in $shared" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
base=$(bash "$shared/baseline-jar.sh")
secs() { case "$1" in *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }

work=$(mktemp -d)
pids=()
tag=cpu_$RANDOM$RANDOM
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists ${tag}_w with (force)" -qc "drop database if exists ${tag}_t with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"' EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
up() { for _ in $(seq 1 480); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
apps="wx0000000000000001:s3cret-one:g1"
ps=$(freeport); pw=$(freeport); pt=$(freeport)
wdb=(); tdb=()
if [ "$DB" = pg ]; then
  psql -h 127.0.0.1 -U postgres -qc "create database ${tag}_w" -qc "create database ${tag}_t" >/dev/null
  wdb=(WXLOGIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/${tag}_w" WXLOGIN_DB_USER=postgres WXLOGIN_DB_PASSWORD=)
  tdb=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/${tag}_t" --spring.datasource.username=postgres
    --spring.datasource.password=)
fi

WXSIM_APPS=$apps java -Dsun.net.httpserver.nodelay=true -jar "$sim" --server.port="$ps" >"$work/sim.log" 2>&1 &
pids+=($!); simpid=$!
mkdir "$work/data"
(cd "$work/data" && exec env "${wdb[@]}" WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_APPS=$apps \
  WXLOGIN_WECHAT_BASE_URL="http://127.0.0.1:$ps" "$root/bin/wxlogin" --server.port="$pw" >"$work/wxlogin.log" 2>&1) &
pids+=($!)
java -jar "$base" --server.port="$pt" --wx.host="http://127.0.0.1:$ps" "${tdb[@]}" >"$work/typical.log" 2>&1 &
pids+=($!); typpid=$!
up "http://127.0.0.1:$ps/sim/stats" || { echo "the simulator did not start" >&2; exit 1; }
up "http://127.0.0.1:$pw/actuator/health" || { tail -20 "$work/wxlogin.log" >&2; exit 1; }
up "http://127.0.0.1:$pt/hello" || { tail -20 "$work/typical.log" >&2; exit 1; }
# bin/wxlogin execs java: the service's JVM is the process listening on its port.
wxpid=$(pgrep -f -- "--server.port=$pw" | tail -1)

mint() { # file n: n fresh codes, one new user each
  : >"$1"
  while [ "$(wc -l <"$1")" -lt "$2" ]; do
    rm -f "$1".*
    OUT=$1 TAG=cpu-$RANDOM wrk -t2 -c16 -d3s -s "$shared/mint.lua" "http://127.0.0.1:$ps" >/dev/null 2>&1 || true
    cat "$1".* >>"$1" 2>/dev/null || true; rm -f "$1".*
  done
}
ticks() { # pid…: user + system clock ticks of those processes (a process that ended counts 0)
  local t=0 p
  for p in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$t"
}
machine() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
pgpids() { if [ "$DB" = pg ]; then pgrep -x postgres | tr '\n' ' '; fi; }
hz=$(getconf CLK_TCK)

warm() { # port path codes duration: a run not counted
  CODES=$3 LOGIN_PATH=$2 THREADS=2 wrk -t2 -c64 -d"$4" --timeout 30s -s "$shared/login.lua" \
    "http://127.0.0.1:$1" >/dev/null 2>&1
}
measure() { # name port path
  local codes=$work/codes-$1 svc pg0 pg1 s0 s1 m0 m1 w0 w1 out rate p99 n wrkpid
  mint "$codes" $(( 3000 * $(secs "$DUR") ))
  if [ "$1" = wxlogin ]; then svc=$wxpid; else svc=$typpid; fi
  s0=$(ticks "$svc"); w0=$(ticks $simpid); pg0=$(ticks $(pgpids)); m0=$(machine)
  CODES=$codes LOGIN_PATH=$3 THREADS=2 wrk -t2 -c64 -d"$DUR" --timeout 30s -s "$shared/login.lua" \
    "http://127.0.0.1:$2" >"$work/out" 2>&1 &
  wrkpid=$!
  # wrk's own CPU, read just before it exits: sampled until it is gone
  local wt=0 t
  while kill -0 $wrkpid 2>/dev/null; do t=$(ticks $wrkpid); [ "$t" -gt 0 ] && wt=$t; sleep 0.2; done
  wait $wrkpid || true
  s1=$(ticks "$svc"); w1=$(ticks $simpid); pg1=$(ticks $(pgpids)); m1=$(machine)
  rate=$(awk '/Requests\/sec/{print $2}' "$work/out"); p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$work/out")
  n=$(awk -v r="$rate" -v d="$(secs "$DUR")" 'BEGIN{printf "%d", r * d}')
  # PostgreSQL's processes are read by name before and after: a backend that started or ended between
  # the two reads is counted in part, which the pool's fixed connections keep small.
  python3 - "$1" "$rate" "$p99" "$n" "$hz" $(( s1 - s0 )) $(( w1 - w0 )) $(( pg1 - pg0 )) "$wt" $(( m1 - m0 )) <<'EOF' | tee -a "$work/lines"
import sys
name, rate, p99, n, hz = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
svc, sim, pg, wrk, machine = (int(x) * 1000 / hz / n for x in sys.argv[6:11])
rest = machine - svc - sim - pg - wrk
print(f"{name} logins/s={rate:.0f} p99_ms={p99} ms_per_login: service={svc:.3f} simulator={sim:.3f} "
      f"postgresql={pg:.3f} wrk={wrk:.3f} rest={rest:.3f} machine={machine:.3f}")
EOF
}

mint "$work/warm-t" $(( 3000 * $(secs "$WARM") )); mint "$work/warm-w" $(( 3000 * $(secs "$WARM") ))
warm "$pt" /wx/login "$work/warm-t" "$WARM"
warm "$pw" /v1/auth/login "$work/warm-w" "$WARM"
for _ in $(seq 1 "$rounds"); do
  measure typical "$pt" /wx/login
  measure wxlogin "$pw" /v1/auth/login
done
