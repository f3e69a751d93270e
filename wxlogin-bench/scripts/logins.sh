#!/usr/bin/env bash
# Logins per second through the simulator: starts the service in dev mode on a fresh data
# directory, runs the load (20 s warm-up, then the measured run), prints the result and the
# service's resident memory. The load comes from one address, so the per-address rate limit is off.
# Usage: wxlogin-bench/scripts/logins.sh [java] [seconds] [workers]
set -euo pipefail
# The repository root, from the script's own location, so it runs from any directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
java=${1:-java}
seconds=${2:-30}
workers=${3:-16}
port=18110
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
(cd "$dir" && WXLOGIN_RATE_LIMIT_PER_IP=0 exec "$java" -jar "$root/wxlogin-server/target/wxlogin-server.jar" --dev --server.port=$port >"$dir/log" 2>&1) &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.1; done
"$java" -version 2>&1 | head -1
java -jar wxlogin-bench/target/wxlogin-bench.jar "http://127.0.0.1:$port" "$seconds" "$workers" 5000
awk '/VmRSS/ {print "service RSS after the run: " int($2/1024) " MiB"}' /proc/$pid/status
