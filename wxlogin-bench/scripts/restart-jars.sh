#!/usr/bin/env bash
# Restart to healthy for two builds of the jar, both through bin/wxlogin --dev, alternating (ABAB…) so
# that both meet the same load: each on its own extracted copy and archive (made once first, not
# counted) and its own existing dev data directory. One line per start: the jar's name and the
# milliseconds from the command to the first 200 on /actuator/health; then each jar's median.
#
#   wxlogin-bench/scripts/restart-jars.sh BEFORE.jar AFTER.jar [rounds] [port]   default 6 rounds, port 18383
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar [rounds] [port]" >&2; exit 2; }
jars=("$(readlink -f "$1")" "$(readlink -f "$2")")
rounds=${3:-6}
port=${4:-18383}
dir=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$dir"' EXIT

# start N: starts jar N (0 or 1) on its data directory, prints its time to healthy, stops it.
start() {
  local t0 ms
  t0=$(date +%s%N)
  WXLOGIN_JAR=${jars[$1]} WXLOGIN_CDS_DIR=$dir/cds-$1 "$root/bin/wxlogin" --dev --server.port="$port" \
    --wxlogin.data-dir="$dir/data-$1" >"$dir/service-$1.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$dir/service-$1.log" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "$(basename "${jars[$1]}") $ms"
}
for n in 0 1; do
  WXLOGIN_JAR=${jars[$n]} WXLOGIN_CDS_DIR=$dir/cds-$n "$root/bin/wxlogin" --prepare 2>/dev/null
  start "$n" >/dev/null # the first start makes the data directory: not counted
done
for r in $(seq 1 "$rounds"); do start 0; start 1; done | tee "$dir/times"
for n in 0 1; do
  name=$(basename "${jars[$n]}")
  awk -v n="$name" '$1 == n {print $2}' "$dir/times" | sort -n \
    | awk -v n="$name" '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%s median_ms=%d\n", n, m}'
done
