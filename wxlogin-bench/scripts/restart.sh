#!/usr/bin/env bash
# Restart to healthy: from the command to the first 200 on /actuator/health, on an existing dev data
# directory, for `java -jar wxlogin-server.jar --dev` against `bin/wxlogin --dev`, alternating (ABAB…)
# so that both meet the same load. One line of key=value per start: the time to healthy, the CPU time
# the JVM had used by then (all its threads; less sensitive to a busy machine than the wall clock) and
# the load average; then the medians and their ratio. The launcher's archive is made once first, in a
# directory of its own, by the same JVM (its time is printed as prepare_ms).
#
#   wxlogin-bench/scripts/restart.sh [rounds] [port]      default 3 rounds, port 18090
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 wxlogin-bench/scripts/restart.sh
#   LAUNCHER=/path/to/another/wxlogin wxlogin-bench/scripts/restart.sh   another launcher as B
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$root/wxlogin-server/target/wxlogin-server.jar"
launcher=${LAUNCHER:-$root/bin/wxlogin}
rounds=${1:-3}
port=${2:-18090}
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
dir=$(mktemp -d)
pid=
# An interrupted run stops the instance it started, too.
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$dir"' EXIT
export WXLOGIN_JAR="$jar" WXLOGIN_CDS_DIR="$dir/cds"
tck=$(getconf CLK_TCK)

# start CASE COMMAND...: starts it in $dir, waits for a healthy answer, sets ms and cpu, stops it.
# bin/wxlogin ends in `exec java`, so the process started is the JVM in both cases.
ms= cpu=
start() {
  local name=$1 t0
  shift
  t0=$(date +%s%N)
  (cd "$dir" && exec "$@" --dev --server.port="$port" --wxlogin.data-dir="$dir/data" >"$dir/$name.log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited before it was healthy; see its log:" >&2; tail -20 "$dir/$name.log" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  cpu=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

t0=$(date +%s%N)
sh "$launcher" --prepare 2>"$dir/prepare.log"
echo "java=$("$java" -version 2>&1 | head -1 | tr ' ' '_') prepare_ms=$(( ($(date +%s%N) - t0) / 1000000 ))"
start first "$java" -jar "$jar"   # the data directory: database, master key, signing key

a=() b=()
for round in $(seq 1 "$rounds"); do
  for name in java-jar launcher; do
    if [ "$name" = java-jar ]; then
      start "$name" "$java" -jar "$jar"
      a+=("$ms")
    else
      start "$name" sh "$launcher"
      b+=("$ms")
    fi
    echo "round=$round case=$name healthy_ms=$ms cpu_ms=$cpu load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }
ma=$(median "${a[@]}")
mb=$(median "${b[@]}")
echo "case=java-jar median_ms=$ma"
echo "case=launcher median_ms=$mb"
echo "ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", b / a}')"
