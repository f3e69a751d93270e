#!/usr/bin/env bash
# Time from `java -jar wxlogin-server.jar --dev` to a healthy /actuator/health, and resident memory
# once healthy. Runs each case five times: a first start on an empty data directory (database and
# keys created) and restarts on an existing one. Usage: wxlogin-bench/scripts/startup.sh [port]
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
jar="$root/wxlogin-server/target/wxlogin-server.jar"
port=${1:-18090}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
dir=$(mktemp -d)
pid=
# An interrupted run stops the instance it started, too.
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$dir"' EXIT
one() {
  local start ms rss
  start=$(date +%s%N)
  (cd "$dir" && exec java -jar "$jar" --dev --server.port="$port" >"$dir/log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.02; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 1
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "$1 healthy_ms=$ms rss_mb=$rss"
}
for i in 1 2 3 4 5; do rm -rf "$dir/data"; one first-start; done
for i in 1 2 3 4 5; do one restart; done
