#!/usr/bin/env bash
# Is a login's cost flat as the data grows (issue 13)? Logins per second and login latency with
# 10,000 and with 1,000,000 users already stored, on the embedded default (SQLite) or on PostgreSQL.
#
# Method. For each size in SIZES, on a fresh data directory (DB=pg: a fresh PostgreSQL database on
# 127.0.0.1:5432, user postgres, dropped afterwards), the service is started once so that Flyway makes
# the schema and the keys, and stopped. Then N users are written straight into the database, as N
# first logins would have left them: per user a wx_users row, a wx_unions row (the app is in an
# open-platform group, as in the peer comparison), a wx_identities row (openid and unionid, a dummy
# sealed session_key of the real length, 73 characters, never opened), one live session with its
# refresh-token hash, and the login's audit row. Preloaded user k is the simulator's test user
# "pre-<k>": its openid and unionid are derived from that name exactly as the simulator derives them
# (HMAC-SHA256, Identities.java), in SQL on PostgreSQL (generate_series and sha256(), HMAC written
# out) and by a small Python step on SQLite (its shell has no SHA-256) before a single transaction of
# the sqlite3 shell. So a code minted for "pre-<k>" logs in a user the service already stores. Other
# ids are random, so the indexes grow by random inserts, as they do in production. SQLite is loaded with
# its indexes in place and gets no ANALYZE (the service never runs one); PostgreSQL is loaded the way
# its manual advises (foreign-key triggers off for the load, the secondary indexes dropped and built
# again afterwards, so they come out more tightly packed than grown ones), then VACUUM ANALYZE
# (autovacuum's work) and a CHECKPOINT, so that neither lands in the measured run.
# Then a service per size is started on its preloaded data (all of them up together, an idle one costs
# next to nothing), with the standalone simulator as WeChat and the per-address rate limit off, and
# each is warmed up with WARM of logins (other users, not counted). The measured runs take the sizes
# in turn, ROUNDS times, so that a change in the machine's load falls on every size alike; the better
# round of each size counts, as in the peer comparison. A run is wrk (C connections, DUR) with a fresh
# code per request, minted just before: RETURNING percent of them for preloaded users drawn at random
# (a returning user: a read and an update of the stored identity, a new session) and the rest for new
# users (inserts into every table above). Each answer is checked, and the logins that found their
# user stored are counted, so a derivation that drifted from the simulator's shows.
#
# Prints key=value lines per run (growth_round ...) and per size (growth_db=... size=... login_rps=...
# p50_ms=... p99_ms=..., db_mb the database on disk after the runs, the load average before and after
# the run, and how many of the login's query plans read a whole table: expected none), a table, and
# the last size against the first (growth_ratio). The figure that counts is that ratio.
#
# Run from anywhere once `mvn -B -q package -DskipTests` has built the jars. Needs wrk, python3 and
# sqlite3 (or psql with DB=pg); missing wrk or sqlite3 are installed with apt-get when run as root.
#   wxlogin-bench/scripts/growth.sh                      SQLite, 10,000 and 1,000,000 users
#   DB=pg wxlogin-bench/scripts/growth.sh                PostgreSQL
#   SIZES="1000 20000" DUR=5s wxlogin-bench/scripts/growth.sh
# Knobs: SIZES, DB (sqlite|pg), DUR (10s), WARM (15s), ROUNDS (2), C (64), RETURNING (50), CODES (codes
# minted for each measured run, 24000), JAVA, JAVA_OPTS, JAR, SIM_JAR; KEEP=1 keeps the logs and query plans.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/wxlogin-bench/scripts"
SIZES=${SIZES:-"10000 1000000"}
DB=${DB:-sqlite}
DUR=${DUR:-10s}; WARM=${WARM:-15s}; ROUNDS=${ROUNDS:-2}; C=${C:-64}; RETURNING=${RETURNING:-50}; CODES=${CODES:-24000}
JAVA=${JAVA:-java}
JAR=${JAR:-$root/wxlogin-server/target/wxlogin-server.jar}
SIM_JAR=${SIM_JAR:-$root/wxlogin-simulator/target/wxlogin-simulator.jar}
case "$DB" in sqlite | pg) ;; *) echo "DB must be sqlite or pg" >&2; exit 2 ;; esac
for j in "$JAR" "$SIM_JAR"; do
  [ -f "$j" ] || { echo "missing $j: build first with mvn -B -q package -DskipTests" >&2; exit 2; }
done
need() { # command debian-package
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing $2" >&2
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null 2>&1; } || true
  fi
  command -v "$1" >/dev/null || { echo "needs $1: apt-get install -y $2" >&2; exit 2; }
}
need wrk wrk
need python3 python3
if [ "$DB" = sqlite ]; then need sqlite3 sqlite3; else need psql postgresql-client; fi
pg() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$DB" = pg ]; then pg -d postgres -c 'select 1' >/dev/null || { echo "PostgreSQL is not reachable on 127.0.0.1:5432 as postgres" >&2; exit 2; }; fi

app=wx0000000000000001
group=g1
apps="$app:s3cret-one:$group"
# A mini program's user agent, for the preloaded sessions and audit rows (wrk sends none).
ua='Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322d) NetType/WIFI Language/zh_CN miniProgram/wx0000000000000001'
work=$(mktemp -d)
# Per size: its data directory (the master key; the SQLite file), database, port and service process.
declare -A port pid pgdb
pids=()
cleanup() {
  for p in "${pids[@]}" "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for d in "${pgdb[@]}"; do pg -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done
  if [ -n "${KEEP:-}" ]; then echo "logs and query plans kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
up() { for _ in $(seq 1 600); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.25; done; return 1; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }
ps_=$(freeport)
sim="http://127.0.0.1:$ps_"

WXSIM_APPS=$apps "$JAVA" -jar "$SIM_JAR" --server.port="$ps_" --server.address=127.0.0.1 \
  >"$work/sim.log" 2>&1 &
pids+=($!)
up "$sim/sim/stats" || { tail -20 "$work/sim.log" >&2; echo "simulator did not start" >&2; exit 1; }

start_service() { # size log
  local dbenv=()
  if [ "$DB" = pg ]; then
    dbenv=(WXLOGIN_DB_URL=jdbc:postgresql://127.0.0.1:5432/${pgdb[$1]} WXLOGIN_DB_USER=postgres WXLOGIN_DB_PASSWORD=)
  fi
  env WXLOGIN_DATA_DIR="$work/data-$1" WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_APPS=$apps WXLOGIN_WECHAT_BASE_URL="$sim" \
    "${dbenv[@]}" "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" --server.port="${port[$1]}" --server.address=127.0.0.1 >"$2" 2>&1 &
  pid[$1]=$!
  up "http://127.0.0.1:${port[$1]}/actuator/health" || { tail -30 "$2" >&2; echo "the service did not start" >&2; exit 1; }
}
stop_service() { # size
  kill "${pid[$1]}" 2>/dev/null || true; wait "${pid[$1]}" 2>/dev/null || true; unset "pid[$1]"
}

# The simulator's derivation of a test user's openid and unionid (wxlogin-simulator Identities.java):
# "o" + the first 27 characters of base64url(HMAC-SHA256(SEED, "<kind>\0<appid or group>\0<user>")).
SEED='wxlogin-simulator identities v1'

# HMAC-SHA256 as two SHA-256 for PostgreSQL's sha256(): hex of the inner pad with the message's
# fixed prefix "<kind>\0<scope>\0pre-" already after it, and of the outer pad.
pads() { # kind scope
  SEED=$SEED python3 -c '
import os, sys
k = os.environ["SEED"].encode().ljust(64, b"\0")
inner = bytes(b ^ 0x36 for b in k) + sys.argv[1].encode() + b"\0" + sys.argv[2].encode() + b"\0pre-"
print("\\x" + inner.hex(), "\\x" + bytes(b ^ 0x5c for b in k).hex())' "$1" "$2"
}

# SQLite: the openid and unionid of pre-1 .. pre-N, one "openid,unionid" line each, in order.
derived_ids() { # n
  SEED=$SEED python3 -c '
import base64, hashlib, os, sys
k = os.environ["SEED"].encode().ljust(64, b"\0")
ipad, opad = hashlib.sha256(bytes(b ^ 0x36 for b in k)), hashlib.sha256(bytes(b ^ 0x5c for b in k))
def mac(m):
    i = ipad.copy(); i.update(m); o = opad.copy(); o.update(i.digest())
    return b"o" + base64.urlsafe_b64encode(o.digest())[:27]
po, pu = b"openid\0" + sys.argv[1].encode() + b"\0pre-", b"unionid\0" + sys.argv[2].encode() + b"\0pre-"
out, buf = sys.stdout.buffer, []
for n in range(1, int(sys.argv[3]) + 1):
    s = b"%d" % n
    buf.append(mac(po + s) + b"," + mac(pu + s) + b"\n")
    if len(buf) == 20000:
        out.write(b"".join(buf)); buf = []
out.write(b"".join(buf))' "$app" "$group" "$1"
}

# Times in epoch milliseconds. A preloaded user k last logged in within the past 29 days (so its
# 30-day session is live) and was created up to a year before that.
preload_sqlite() { # db-file n
  local now; now=$(date +%s%3N)
  derived_ids "$2" >"$work/ids.csv"
  sqlite3 -bail "$1" >/dev/null <<EOF
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -524288;
PRAGMA temp_store = MEMORY;
CREATE TEMP TABLE pre_ids (openid TEXT, unionid TEXT);
.import --csv $work/ids.csv pre_ids
BEGIN;
CREATE TEMP TABLE pre AS
SELECT rowid AS n, openid, unionid,
       'u_' || lower(hex(randomblob(11))) AS uid,
       's_' || lower(hex(randomblob(11))) AS sid,
       $now - (rowid * 7919 % 2505600000) AS seen
  FROM pre_ids;
INSERT INTO wx_users (id, disabled, created_at, updated_at)
  SELECT uid, 0, seen - (n * 104729 % 31536000000), seen FROM pre;
INSERT INTO wx_unions (group_name, unionid, user_id) SELECT '$group', unionid, uid FROM pre;
INSERT INTO wx_identities (app_id, openid, user_id, unionid, session_key, session_key_fp, session_key_changed_at,
                           created_at, last_login_at)
  SELECT '$app', openid, uid, unionid, 'v1.' || substr(hex(randomblob(35)), 1, 70), lower(hex(randomblob(11))),
         seen, seen - (n * 104729 % 31536000000), seen FROM pre;
INSERT INTO wx_sessions (id, user_id, app_id, created_at, expires_at, last_used_at, user_agent, client_ip)
  SELECT sid, uid, '$app', seen, seen + 2592000000, seen, '$ua',
         '10.' || (n / 65536 % 256) || '.' || (n / 256 % 256) || '.' || (n % 256) FROM pre;
INSERT INTO wx_refresh_tokens (token_hash, session_id, issued_at, expires_at)
  SELECT lower(hex(randomblob(32))), sid, seen, seen + 2592000000 FROM pre;
INSERT INTO wx_audit (id, occurred_at, event_type, user_id, session_id, app_id, client_ip, user_agent, detail)
  SELECT lower(hex(randomblob(8))), seen, 'login', uid, sid, '$app',
         '10.' || (n / 65536 % 256) || '.' || (n / 256 % 256) || '.' || (n % 256), '$ua', 'new user' FROM pre;
COMMIT;
PRAGMA journal_mode = WAL;
EOF
  rm -f "$work/ids.csv"
}

preload_pg() { # database n
  local now oi oo ui uo; now=$(date +%s%3N)
  read -r oi oo <<<"$(pads openid "$app")"
  read -r ui uo <<<"$(pads unionid "$group")"
  pg -d "$1" -v n="$2" -v now="$now" -v app="$app" -v grp="$group" -v ua="$ua" \
    -v oi="$oi" -v oo="$oo" -v ui="$ui" -v uo="$uo" >/dev/null <<'EOF'
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
SET work_mem = '256MB';
-- Foreign-key triggers off for this load (rows are consistent by construction); superuser only.
SET session_replication_role = replica;
BEGIN;
-- The secondary indexes (not those of a primary key) are dropped and built again after the load.
CREATE TEMP TABLE growth_indexes ON COMMIT DROP AS
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = ANY (ARRAY['wx_users', 'wx_unions', 'wx_identities', 'wx_sessions', 'wx_refresh_tokens',
                               'wx_audit']::regclass[])
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM growth_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.name); END LOOP;
END $$;
CREATE TEMP TABLE pre ON COMMIT DROP AS
SELECT n,
       'o' || substr(translate(encode(sha256(:'oo'::bytea || sha256(:'oi'::bytea || convert_to(n::text, 'UTF8'))),
                                      'base64'), '+/', '-_'), 1, 27) AS openid,
       'o' || substr(translate(encode(sha256(:'uo'::bytea || sha256(:'ui'::bytea || convert_to(n::text, 'UTF8'))),
                                      'base64'), '+/', '-_'), 1, 27) AS unionid,
       'u_' || substr(md5(random()::text), 1, 22) AS uid,
       's_' || substr(md5(random()::text), 1, 22) AS sid,
       '10.' || (n / 65536 % 256) || '.' || (n / 256 % 256) || '.' || (n % 256) AS ip,
       :now - (n::bigint * 7919 % 2505600000) AS seen
  FROM generate_series(1, :n) AS n;
-- Each table in the order of its primary key: its own index grows at the right-hand edge.
INSERT INTO wx_users (id, disabled, created_at, updated_at)
  SELECT uid, false, seen - (n::bigint * 104729 % 31536000000), seen FROM pre ORDER BY uid;
INSERT INTO wx_unions (group_name, unionid, user_id) SELECT :'grp', unionid, uid FROM pre ORDER BY unionid;
INSERT INTO wx_identities (app_id, openid, user_id, unionid, session_key, session_key_fp, session_key_changed_at,
                           created_at, last_login_at)
  SELECT :'app', openid, uid, unionid,
         'v1.' || substr(md5(random()::text) || md5(random()::text) || md5(random()::text), 1, 70),
         substr(md5(random()::text), 1, 22), seen, seen - (n::bigint * 104729 % 31536000000), seen
    FROM pre ORDER BY openid;
INSERT INTO wx_sessions (id, user_id, app_id, created_at, expires_at, last_used_at, user_agent, client_ip)
  SELECT sid, uid, :'app', seen, seen + 2592000000, seen, :'ua', ip FROM pre ORDER BY sid;
INSERT INTO wx_refresh_tokens (token_hash, session_id, issued_at, expires_at)
  SELECT md5(random()::text) || md5(random()::text) AS h, sid, seen, seen + 2592000000 FROM pre ORDER BY h;
INSERT INTO wx_audit (id, occurred_at, event_type, user_id, session_id, app_id, client_ip, user_agent, detail)
  SELECT substr(md5(random()::text), 1, 16) AS id, seen, 'login', uid, sid, :'app', ip, :'ua', 'new user'
    FROM pre ORDER BY id;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM growth_indexes LOOP EXECUTE r.def; END LOOP;
END $$;
COMMIT;
VACUUM ANALYZE;
CHECKPOINT;
EOF
}

db_mb() { # size
  if [ "$DB" = pg ]; then
    pg -d postgres -c "select round(pg_database_size('${pgdb[$1]}') / 1048576.0)"
  else
    du -cb "$work/data-$1"/wxlogin.db* | awk 'END {printf "%.0f\n", $1 / 1048576}'
  fi
}

# The login's queries (JdbcUserStore, JdbcSessionStore, JdbcAuditLog) as the database plans them now;
# prints how many plans read a whole table, and writes the plans to a file.
full_scans() { # size planfile
  local q=(
    "SELECT u.id, u.disabled, i.app_id, i.openid, i.unionid FROM wx_identities i JOIN wx_users u ON u.id = i.user_id WHERE i.app_id = '$app' AND i.openid = 'oXnHX61HB8Ltux1Tc-kYSVDS0v9z'"
    "UPDATE wx_identities SET last_login_at = 1 WHERE app_id = '$app' AND openid = 'oXnHX61HB8Ltux1Tc-kYSVDS0v9z'"
    "SELECT user_id FROM wx_unions WHERE group_name = '$group' AND unionid = 'o7qib0qrRpnBu8z7BYidVV96c27o'"
    "SELECT u.id, i.app_id FROM wx_users u JOIN wx_identities i ON i.user_id = u.id WHERE u.id = 'u_x' AND i.app_id = '$app'"
    "SELECT * FROM wx_sessions WHERE id = 's_x'"
    "SELECT session_id, consumed_at FROM wx_refresh_tokens WHERE token_hash = 'x'"
  )
  : >"$2"
  for s in "${q[@]}"; do
    echo "-- $s" >>"$2"
    if [ "$DB" = pg ]; then pg -d "${pgdb[$1]}" -c "EXPLAIN $s" >>"$2"
    else sqlite3 "$work/data-$1/wxlogin.db" "EXPLAIN QUERY PLAN $s" >>"$2"; fi
  done
  grep -Ec 'Seq Scan|(^|[-` ])SCAN ' "$2" || true
}

mint() { # file n mode(TAG=... or PRELOADED=...)
  local tries=0
  : >"$1"
  while [ "$(wc -l <"$1")" -lt "$2" ]; do
    tries=$((tries + 1)); [ "$tries" -le 60 ] || { echo "the simulator mints no codes (see $work/sim.log)" >&2; exit 1; }
    env OUT="$1.part" APP=$app "$3" wrk -t2 -c16 -d2s -s "$here/growth-mint.lua" "$sim" >/dev/null 2>&1 || true
    cat "$1".part.* >>"$1" 2>/dev/null || true; rm -f "$1".part.*
  done
}
# n codes, RETURNING percent of them for preloaded users, evenly interleaved.
mixed() { # file n size tag
  local r=$(($2 * RETURNING / 100))
  mint "$1.new" $(($2 - r)) TAG="$4-$RANDOM"
  if [ "$r" -gt 0 ]; then mint "$1.ret" "$r" PRELOADED="$3"; else : >"$1.ret"; fi
  awk -v p="$RETURNING" -v nf="$1.new" -v rf="$1.ret" 'BEGIN {
    acc = 0
    while (1) {
      acc += p
      if (acc >= 100) { acc -= 100; if ((getline l < rf) <= 0 && (getline l < nf) <= 0) break }
      else if ((getline l < nf) <= 0 && (getline l < rf) <= 0) break
      print l
    } }' >"$1"
  rm -f "$1.new" "$1.ret"
}
login_run() { # size codes duration
  CODES=$2 APP=$app THREADS=2 wrk -t2 -c"$C" -d"$3" --timeout 30s -s "$here/growth-login.lua" \
    "http://127.0.0.1:${port[$1]}" 2>&1 | grep '^login_rps=' ||
    echo "login_rps=0 p50_ms=0 p90_ms=0 p99_ms=0 max_ms=0 logins=0 new_user_logins=0 returning_logins=0 failed=0 socket_errors=0"
}
kv() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }

echo "growth_java=$("$JAVA" -version 2>&1 | head -1 | tr ' ' '_')"
echo "growth_setup db=$DB cores=$(nproc) connections=$C duration=$DUR warm_up=$WARM rounds=$ROUNDS returning_pct=$RETURNING sizes=${SIZES// /,}"
# 1. Each size: a fresh database, its schema and keys from a first start, then the preload.
declare -A preload_s preload_mb
for n in $SIZES; do
  mkdir -p "$work/data-$n"
  port[$n]=$(freeport)
  if [ "$DB" = pg ]; then
    pgdb[$n]=growth_$$_$n
    pg -d postgres -c "DROP DATABASE IF EXISTS ${pgdb[$n]}" -c "CREATE DATABASE ${pgdb[$n]}" >/dev/null
  fi
  start_service "$n" "$work/service-$n-first.log"   # Flyway: the schema; the master and signing keys
  stop_service "$n"
  t0=$(date +%s%N)
  if [ "$DB" = pg ]; then preload_pg "${pgdb[$n]}" "$n"; else preload_sqlite "$work/data-$n/wxlogin.db" "$n"; fi
  preload_s[$n]=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
  preload_mb[$n]=$(db_mb "$n")
  echo "growth_preload db=$DB size=$n preload_s=${preload_s[$n]} db_mb=${preload_mb[$n]}"
done
# 2. A service per size, all up together (an idle one costs next to nothing), each warmed up.
for n in $SIZES; do
  start_service "$n" "$work/service-$n.log"
  mixed "$work/warm-$n" 10000 "$n" warm
  login_run "$n" "$work/warm-$n" "$WARM" >"$work/warm-$n.out"
  echo "growth_warm_up size=$n $(cat "$work/warm-$n.out")" >>"$work/warm.log"
done
# 3. The measured runs, the sizes in turn, ROUNDS times: a change in the machine's load falls on all
# sizes alike. Each run's codes are minted just before it.
declare -A best
for r in $(seq 1 "$ROUNDS"); do
  for n in $SIZES; do
    mixed "$work/codes-$n-$r" "$CODES" "$n" "new$r"
    load=$(loadavg)
    out=$(login_run "$n" "$work/codes-$n-$r" "$DUR")
    line="growth_round db=$DB size=$n round=$r $out loadavg=$load,$(loadavg)"
    echo "$line"
    if [ "$(kv "$out" failed)" != 0 ]; then echo "warning: $(kv "$out" failed) logins failed (codes ran out? raise CODES)" >&2; fi
    # The better round counts: noise only ever slows a run down.
    if [ -z "${best[$n]:-}" ] || awk -v a="$(kv "$out" login_rps)" -v b="$(kv "${best[$n]}" login_rps)" 'BEGIN {exit !(a > b)}'; then
      best[$n]=$line
    fi
  done
done
# 4. Query plans, sizes on disk, clean-up.
results=()
for n in $SIZES; do
  scans=$(full_scans "$n" "$work/plans-$n.txt")
  stop_service "$n"
  b=${best[$n]}
  line="growth_db=$DB size=$n round=$(kv "$b" round) ${b#* round=* } db_mb=$(db_mb "$n") preload_s=${preload_s[$n]} full_scan_plans=$scans"
  echo "$line"
  if [ "$scans" != 0 ]; then echo "warning: a login query reads a whole table:" >&2; grep -B3 -E 'Seq Scan|SCAN ' "$work/plans-$n.txt" >&2; fi
  results+=("$line")
  if [ "$DB" = pg ]; then pg -d postgres -c "DROP DATABASE ${pgdb[$n]}" >/dev/null; unset "pgdb[$n]"; fi
  rm -rf "$work/data-$n"
done

echo
printf '%-7s %10s %10s %8s %8s %8s %9s %9s %7s %7s %11s\n' db users logins/s p50_ms p90_ms p99_ms returning new failed db_mb load
for l in "${results[@]}"; do
  printf '%-7s %10s %10s %8s %8s %8s %9s %9s %7s %7s %11s\n' "$DB" "$(kv "$l" size)" "$(kv "$l" login_rps)" \
    "$(kv "$l" p50_ms)" "$(kv "$l" p90_ms)" "$(kv "$l" p99_ms)" "$(kv "$l" returning_logins)" \
    "$(kv "$l" new_user_logins)" "$(kv "$l" failed)" "$(kv "$l" db_mb)" "$(kv "$l" loadavg)"
done
if [ "${#results[@]}" -ge 2 ]; then
  first=${results[0]}; last=${results[${#results[@]}-1]}
  echo "growth_ratio db=$DB sizes=$(kv "$first" size):$(kv "$last" size)" \
    "login_rps=$(awk -v a="$(kv "$last" login_rps)" -v b="$(kv "$first" login_rps)" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" \
    "p99_ms=$(awk -v a="$(kv "$last" p99_ms)" -v b="$(kv "$first" p99_ms)" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
fi
