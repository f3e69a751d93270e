#!/usr/bin/env bash
# Logins per second for two builds of the jar, alternating (ABAB…) so that both meet the same machine:
# each start through bin/wxlogin on its own extracted copy and archive, on a fresh database (PostgreSQL
# at 127.0.0.1 with DB=pg, else the embedded default in a fresh data directory), against the standalone
# simulator, with wrk -c64 as ../shared/bench/compare.sh runs it: a warm-up on one set of fresh codes,
# then the measured run on another, one new user each. One line per run: the jar, logins/s, the p99,
# and the machine's CPU time per login (every process's: steadier than the rate on a shared machine);
# then each jar's medians. Jars are named A: and B: in the order given.
#
#   wxlogin-bench/scripts/logins-jars.sh BEFORE.jar AFTER.jar [rounds]     default 3 rounds
#   DB=pg WARM=30s DUR=20s wxlogin-bench/scripts/logins-jars.sh …
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench=$root/wxlogin-bench/scripts
[ $# -ge 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar [rounds]" >&2; exit 2; }
jars=("$(readlink -f "$1")" "$(readlink -f "$2")")
labels=("A:$(basename "$1")" "B:$(basename "$2")")
rounds=${3:-3}
DB=${DB:-embedded}; WARM=${WARM:-30s}; DUR=${DUR:-20s}
SIM_JAR=$root/wxlogin-simulator/target/wxlogin-simulator.jar
[ -f "$SIM_JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
secs() { # 30s, 2m or 45 as seconds, for the codes to mint; another of wrk's forms (1m30s) counts as 120
  case "$1" in *[!0-9ms]* | *m*s | '') echo 120 ;; *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac
}

work=$(mktemp -d)
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap 'stop; rm -rf "$work"' EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
up() { for _ in $(seq 1 480); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
app=wx0000000000000001
apps="$app:s3cret-one:g1"

mint() { # sim-port file n: n fresh codes, one new user each
  : >"$2"
  while [ "$(wc -l <"$2")" -lt "$3" ]; do
    rm -f "$2".part.*
    OUT=$2.part TAG=jars-$RANDOM APP=$app wrk -t2 -c16 -d3s -s "$bench/growth-mint.lua" \
      "http://127.0.0.1:$1" >/dev/null 2>&1 || true
    cat "$2".part.* >>"$2" 2>/dev/null || true
    rm -f "$2".part.*
  done
}
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

run() { # N: one measured run of jar N (0 or 1); prints its line
  local ps pw db= env=() b0 b1 out logins
  ps=$(freeport); pw=$(freeport)
  WXSIM_APPS=$apps java -Dsun.net.httpserver.nodelay=true -jar "$SIM_JAR" --server.port="$ps" >"$work/sim.log" 2>&1 &
  pids+=($!)
  if [ "$DB" = pg ]; then
    db=jars_$RANDOM$RANDOM
    psql -h 127.0.0.1 -U postgres -qc "create database $db"
    env=(WXLOGIN_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" WXLOGIN_DB_USER=postgres WXLOGIN_DB_PASSWORD=)
  fi
  rm -rf "$work/data"; mkdir "$work/data"
  (cd "$work/data" && exec env "${env[@]}" WXLOGIN_JAR="${jars[$1]}" WXLOGIN_CDS_DIR="$work/cds-$1" \
    WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_APPS=$apps WXLOGIN_WECHAT_BASE_URL="http://127.0.0.1:$ps" \
    "$root/bin/wxlogin" --server.port="$pw" >"$work/service-$1.log" 2>&1) &
  pids+=($!)
  up "http://127.0.0.1:$ps/sim/stats" || { echo "the simulator did not start" >&2; exit 1; }
  up "http://127.0.0.1:$pw/actuator/health" || { tail -20 "$work/service-$1.log" >&2; exit 1; }
  mint "$ps" "$work/warm" $(( 3000 * $(secs "$WARM") )); mint "$ps" "$work/codes" $(( 3000 * $(secs "$DUR") ))
  CODES=$work/warm APP=$app THREADS=2 wrk -t2 -c64 -d"$WARM" --timeout 30s -s "$bench/growth-login.lua" \
    "http://127.0.0.1:$pw" >/dev/null 2>&1
  b0=$(busy)
  out=$(CODES=$work/codes APP=$app THREADS=2 wrk -t2 -c64 -d"$DUR" --timeout 30s -s "$bench/growth-login.lua" \
    "http://127.0.0.1:$pw" 2>&1 | grep login_rps || true)
  b1=$(busy)
  stop
  [ -z "$db" ] || psql -h 127.0.0.1 -U postgres -qc "drop database $db with (force)" >/dev/null 2>&1 || true
  logins=$(sed -n 's/.* logins=\([0-9]*\).*/\1/p' <<<"$out")
  [ -n "$logins" ] && [ "$logins" -gt 0 ] || { echo "${labels[$1]} no logins: $out" >&2; exit 1; }
  echo "${labels[$1]} $(awk '{print $1, $4}' <<<"$out") cpu_ms_per_login=$(python3 -c \
    "print(round(($b1 - $b0) * 1000 / $(getconf CLK_TCK) / $logins, 3))")" | tee -a "$work/lines"
}

for _ in $(seq 1 "$rounds"); do run 0; run 1; done
python3 - "$work/lines" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    jar, *fields = line.split()
    runs[jar].append({k: float(v) for k, v in (f.split("=") for f in fields)})
for jar, rs in runs.items():
    print(jar, "median:", " ".join(f"{k}={statistics.median(r[k] for r in rs):g}" for k in rs[0]))
EOF
