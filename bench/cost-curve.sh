#!/usr/bin/env bash
# The cost curve toward province scale (issue 15): one database holding 1, then 2, then 4 cities' worth
# of demo data (Zhaoqing 4412, the installation's own city; then Foshan 4406; then Jiangmen 4407 and
# Shaoguan 4402, each generated with its own division codes by `demo --city`), and for Zhaoqing at each
# size, on one connection unless said, each next to the same server's liveness probe in the same run:
#  - the public dashboard's figures (GET /api/v1/dashboard, the cache off: computed on every request);
#  - a check-in (POST /api/v1/checkins, a new volunteer-shift pair each, 8 connections);
#  - volunteer search by the city office (city scope) and by a town's office (town scope), q=陈;
#  - a certificate PDF of the demo volunteer with the most hours;
#  - `ledger verify` (the whole hash chain, the server stopped; wall time with the JVM, and the walk).
# The server keeps its data between the sizes; cities are added with the server stopped (the embedded
# database allows one process).
# Usage: bench/cost-curve.sh [scale, default small] [seconds per run, default 8]
# Environment: DATA (default target/bench-cost), PORT (default 18600), PG_PORT (default 18610),
#   SIZES (default "1 2 4"), AS_OF (default today). Needs: wrk, psql, python3, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-small}
SECONDS_PER_RUN=${2:-8}
DATA=${DATA:-target/bench-cost}
PORT=${PORT:-18600}
PG_PORT=${PG_PORT:-18610}
SIZES=${SIZES:-"1 2 4"}
AS_OF=${AS_OF:-$(TZ=Asia/Shanghai date +%F)}
CITIES=(4412 4406 4407 4402)
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
rm -rf "$DATA"; mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
export WORK="$DATA/work"; mkdir -p "$WORK"
BASE="http://localhost:$PORT"
if curl -s "$BASE/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)}
export PGPASSWORD=postgres
SQL="$PSQL -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"
export WENMING_ADMIN_PASSWORD="Bench-admin-$(date +%s)"
export WENMING_COOKIE_SECURE=false
SECRET=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')
DB_ARGS="--wenming.db.embedded-directory=$DATA/db --wenming.db.embedded-port=$PG_PORT"
. bench/lib.sh
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; while [ -n "$PID" ] && kill -0 $PID 2>/dev/null; do sleep 0.1; done' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scale $SCALE, as of $AS_OF, cities in the order loaded: ${CITIES[*]}"

load_city() {
  local city=$1 extra=""
  [ "$city" = 4412 ] || extra="--city $city"
  local t0=$(date +%s.%N)
  java -Xmx2g -jar target/wenming.jar demo --scale "$SCALE" --seed "$city" --as-of "$AS_OF" $extra $DB_ARGS \
    > "$DATA/demo-$city.log" 2>&1 || { tail -30 "$DATA/demo-$city.log"; exit 1; }
  echo "loaded city $city in $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-6) s (JVM start included): $(grep -E 'rows written|digest' "$DATA/demo-$city.log" | tr -s ' ' | paste -sd';')"
  if [ "$city" = 4412 ]; then
    grep -A2 "most hours" "$DATA/demo-$city.log" | grep password | awk '{print $2}' > "$DATA/demo-volunteer.password"
  fi
}

start() {
  java -Xmx1g -jar target/wenming.jar --server.port=$PORT $DB_ARGS --wenming.demo.on-first-start=none \
    --wenming.insight.dashboard-refresh-seconds=0 --wenming.checkin.secret="$SECRET" \
    --wenming.checkin.code-period=60s > "$WORK/server.log" 2>&1 &
  PID=$!
  wait_ready $PID "$WORK/server.log"
}

stop() {
  kill $PID; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; PID=
}

# The check-in's fixture (once, in Zhaoqing: 32 volunteers confirmed on 600 shifts under way) and the
# staff accounts: the city office and the office of Zhaoqing's most populous town.
fixture() {
  $SQL <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  select 'bench-vol-' || i, '志愿者' || i, '{noop}Bench-volunteer-2026', '441202' from generate_series(1, 32) i;
insert into user_role (user_id, role) select id, 'VOLUNTEER' from app_user where username like 'bench-vol-%';
insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
    region_code, region_path, consent_version, consent_at, registered_by, user_id)
  select 'B' || lpad(u.id::text, 15, '0'), '测试志愿者', 'csz', 'RESIDENT_ID', '\x00'::bytea,
    decode(md5(u.username), 'hex'), '4412**********0000', '\x00'::bytea, decode(md5(u.username || 'p'), 'hex'),
    '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441202', '44.4412.441202.', 'bench', now(), 'bench', u.id
  from app_user u where u.username like 'bench-vol-%';
insert into team (name, level, type, region_code, region_path, updated_by)
  values ('压测志愿服务队', 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'bench');
insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by)
  select '压测活动', 'SERVICE', id, '端州区测试路1号', '441202', '44.4412.441202.', 'PUBLISHED', 'bench'
  from team where name = '压测志愿服务队';
insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
  select a.id, now() - interval '10 minutes', now() + interval '6 hours', 1000, 32
  from activity a, generate_series(1, 600) where a.title = '压测活动';
insert into signup (shift_id, volunteer_id, status)
  select s.id, v.id, 'CONFIRMED' from shift s join activity a on a.id = s.activity_id, volunteer v
  where a.title = '压测活动' and v.registered_by = 'bench';
analyze;
SQL
  $SQL -t -A -c "select s.id from shift s join activity a on a.id = s.activity_id where a.title = '压测活动' order by s.id" > "$WORK/shifts.txt"
  # the town with the most volunteers (a town's office searches only there)
  TOWN=$($SQL -t -A -c "select split_part(region_path, '.', 4) from volunteer where region_path like '44.4412.%'
    and registered_by = 'demo' group by 1 order by count(*) desc, 1 limit 1")
  login "$WORK/admin.jar" admin "$WENMING_ADMIN_PASSWORD"
  local token=$(csrf "$WORK/admin.jar")
  for u in "bench-city:4412" "bench-town:$TOWN"; do
    curl -sf -o /dev/null -c "$WORK/admin.jar" -b "$WORK/admin.jar" -H "X-CSRF-TOKEN: $token" -H 'Content-Type: application/json' \
      -d "{\"username\":\"${u%%:*}\",\"displayName\":\"压测${u#*:}\",\"password\":\"Bench-staff-2026\",\"roles\":[\"OFFICE_STAFF\"],\"regionCode\":\"${u#*:}\"}" \
      "$BASE/api/v1/admin/users"
  done
  echo "$TOWN" > "$DATA/town"
}

tokens() {
  python3 - "$SECRET" "$WORK/shifts.txt" > "$WORK/tokens.txt" <<'PY'
import base64, hashlib, hmac, sys, time
key = base64.b64decode(sys.argv[1])
slot = int(time.time()) // 60
for line in open(sys.argv[2]):
    shift = line.strip()
    digest = hmac.new(key, f"wenming-checkin:{shift}:{slot}".encode(), hashlib.sha256).digest()[:16]
    print(f"{shift}.{slot}.{base64.urlsafe_b64encode(digest).decode().rstrip('=')}")
PY
}

field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 |"); }

measure() {
  local n=$1
  # sessions (a restart keeps them in the database only if part 1's JDBC sessions are merged: sign in again)
  : > "$WORK/sessions.txt"
  for i in $(seq 1 32); do
    login "$WORK/vol$i.jar" "bench-vol-$i" Bench-volunteer-2026
    echo "$(session "$WORK/vol$i.jar") $(csrf "$WORK/vol$i.jar")" >> "$WORK/sessions.txt"
  done
  login "$WORK/city.jar" bench-city Bench-staff-2026
  login "$WORK/town.jar" bench-town Bench-staff-2026
  login "$WORK/demo.jar" demo-volunteer "$(cat "$DATA/demo-volunteer.password")"
  local city=$(session "$WORK/city.jar") town=$(session "$WORK/town.jar") demo=$(session "$WORK/demo.jar")
  local q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("陈"))')
  # a certificate of the demo volunteer's hours, issued through the page
  local token=$(curl -s -b "$WORK/demo.jar" "$BASE/me/certificates" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  local location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$WORK/demo.jar" -d "_csrf=$token" -d "from=" -d "to=" "$BASE/me/certificates")
  local pdf="$BASE/me/certificates/$(echo "$location" | sed 's|.*/me/certificates/||; s|\.pdf$||').pdf"
  curl -s -H "Cookie: WENMING_SESSION=$demo" "$pdf" | head -c 5 | grep -q '%PDF-' || { echo "no certificate PDF ($location)"; exit 1; }
  echo "N=$n: search city q=陈 $(curl -s -H "Cookie: WENMING_SESSION=$city" "$BASE/api/v1/admin/volunteers?q=$q" | grep -o '"total":[0-9]*'), town $(curl -s -H "Cookie: WENMING_SESSION=$town" "$BASE/api/v1/admin/volunteers?q=$q" | grep -o '"total":[0-9]*'); dashboard $(curl -s "$BASE/api/v1/dashboard" | grep -o '"volunteers":[0-9]*' | head -1)"
  # warm-up of every request, then the measured runs, each beside the probe
  for url in "$BASE/api/v1/dashboard" "$BASE/actuator/health/liveness"; do wrk -t1 -c1 -d3s "$url" > /dev/null; done
  wrk -t1 -c1 -d3s -H "Cookie: WENMING_SESSION=$city" "$BASE/api/v1/admin/volunteers?q=$q" > /dev/null
  wrk -t1 -c1 -d3s -H "Cookie: WENMING_SESSION=$town" "$BASE/api/v1/admin/volunteers?q=$q" > /dev/null
  wrk -t1 -c1 -d3s -H "Cookie: WENMING_SESSION=$demo" "$pdf" > /dev/null
  tokens
  export WRK_THREADS=2
  CHECKIN_OFFSET=$((n * 1000000)) wrk -t2 -c8 -d5s -s bench/checkin.lua "$BASE" > /dev/null
  local probe1=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
  local dash=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/api/v1/dashboard" | tail -1)
  local scity=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua -H "Cookie: WENMING_SESSION=$city" "$BASE/api/v1/admin/volunteers?q=$q" | tail -1)
  local stown=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua -H "Cookie: WENMING_SESSION=$town" "$BASE/api/v1/admin/volunteers?q=$q" | tail -1)
  local cert=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua -H "Cookie: WENMING_SESSION=$demo" "$pdf" | tail -1)
  local probe8=$(wrk -t2 -c8 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
  tokens
  local before=$($SQL -t -A -c "select count(*) from attendance")
  local checkin=$(CHECKIN_OFFSET=$((n * 1000000 + 500000)) wrk -t2 -c8 -d${SECONDS_PER_RUN}s -s bench/checkin.lua "$BASE" | tail -1)
  local after=$($SQL -t -A -c "select count(*) from attendance")
  local sizes=$($SQL -t -A -F' ' -c "select (select count(*) from volunteer), (select count(*) from service_record), pg_size_pretty(pg_database_size('postgres'))")
  echo "N=$n cities: volunteers, service records, database: $sizes; attendances recorded by the measured check-in run: $((after - before))"
  row "$n" "probe, 1 connection" "$probe1" ""
  row "$n" "dashboard JSON, uncached" "$dash" "$(awk -v a="$(field "$dash" p50)" -v b="$(field "$probe1" p50)" 'BEGIN{printf "%.1f", a/b}')"
  row "$n" "volunteer search 陈, city scope" "$scity" "$(awk -v a="$(field "$scity" p50)" -v b="$(field "$probe1" p50)" 'BEGIN{printf "%.1f", a/b}')"
  row "$n" "volunteer search 陈, town scope" "$stown" "$(awk -v a="$(field "$stown" p50)" -v b="$(field "$probe1" p50)" 'BEGIN{printf "%.1f", a/b}')"
  row "$n" "certificate PDF" "$cert" "$(awk -v a="$(field "$cert" p50)" -v b="$(field "$probe1" p50)" 'BEGIN{printf "%.1f", a/b}')"
  row "$n" "probe, 8 connections" "$probe8" ""
  row "$n" "check-in, 8 connections" "$checkin" "$(awk -v a="$(field "$checkin" rps)" -v b="$(field "$probe8" rps)" 'BEGIN{printf "%.3f (rps share)", a/b}')"
  # the plans of the city-scoped search and the dashboard's cells read, with the data of N cities
  $SQL -c "explain (analyze, buffers off, timing off, summary on) select v.id from volunteer v
    where v.region_path >= '44.4412.' and v.region_path < '44.4412/' and v.real_name like '陈%' order by v.real_name, v.id limit 20" \
    | grep -E "Index|Seq Scan|Execution" | sed "s/^/  N=$n search plan: /"
}

loaded=0
for n in $SIZES; do
  while [ "$loaded" -lt "$n" ]; do load_city "${CITIES[$loaded]}"; loaded=$((loaded + 1)); done
  start
  [ -f "$DATA/town" ] || fixture
  measure "$n"
  stop
  t0=$(date +%s.%N)
  verdict=$(java -Xmx256m -jar target/wenming.jar ledger verify $DB_ARGS 2>&1 | grep -E "ledger chain" | tail -1)
  t=$(echo "$(date +%s.%N) - $t0" | bc | cut -c1-6)
  row "$n" "ledger verify (whole chain)" "$t s wall incl. JVM; $verdict" ""
done

echo
echo "| cities | request | result (ms; rps) | ratio to the probe (p50) |"
echo "|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
