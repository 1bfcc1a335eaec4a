#!/usr/bin/env bash
# Staff search among the volunteers loaded by bench/import.sh (800,000 in target/bench-data): by a
# name prefix (a surname, 2 characters) and by pinyin initials, as the city office (scope 4412), one
# connection at a time, against the same server's liveness probe as the baseline. Prints the
# query plans (EXPLAIN ANALYZE) of the two searches too.
# Needs: wrk, psql. Usage: bench/volunteer-search.sh [seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
DATA=target/bench-data
[ -f "$DATA/bench-city.password" ] || { echo "run bench/import.sh first"; exit 1; }
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)}
PORT=${PORT:-28419}
PG_PORT=${PG_PORT:-28432}
BASE="http://localhost:$PORT"
WORK=$(mktemp -d)
WENMING_COOKIE_SECURE=false java -Xmx512m -jar target/wenming.jar --server.port=$PORT \
  --wenming.db.embedded-directory="$DATA" --wenming.db.embedded-port=$PG_PORT > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
. bench/lib.sh
wait_ready $PID "$WORK/server.log"
login "$WORK/staff.jar" bench-city "$(cat "$DATA/bench-city.password")"
SESSION=$(session "$WORK/staff.jar")
export PGPASSWORD=postgres
SQL="$PSQL -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"
echo "volunteers: $($SQL -t -A -c 'select count(*) from volunteer')"
NAME=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("王伟"))')
INITIALS=wwj
for q in "$NAME" "$INITIALS"; do
  echo "q=$q: $(curl -s -H "Cookie: WENMING_SESSION=$SESSION" "$BASE/api/v1/admin/volunteers?q=$q" | grep -o '"total":[0-9]*')"
  wrk -t1 -c1 -d5s -H "Cookie: WENMING_SESSION=$SESSION" "$BASE/api/v1/admin/volunteers?q=$q" > /dev/null
done
wrk -t1 -c1 -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1)
byname=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$BASE/api/v1/admin/volunteers?q=$NAME" | tail -1)
byinitials=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$BASE/api/v1/admin/volunteers?q=$INITIALS" | tail -1)
p95() { echo "$1" | sed 's/.*p95=\([0-9.]*\).*/\1/'; }
echo "| request | connections | latency (ms) |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | 1 | $baseline |"
echo "| name prefix 王伟, city scope, page of 20 | 1 | $byname |"
echo "| pinyin initials wwj, city scope, page of 20 | 1 | $byinitials |"
awk -v a="$(p95 "$byname")" -v b="$(p95 "$byinitials")" -v c="$(p95 "$baseline")" \
  'BEGIN { printf "p95 ratio to baseline: name %.1f, initials %.1f\n", a / c, b / c }'
echo
echo "plans:"
$SQL -c "explain (analyze, buffers off) select v.id from volunteer v join region r on r.code = v.region_code
  where v.region_path >= '44.4412.' and v.region_path < '44.4412/' and v.real_name like '王伟%'
  order by v.real_name, v.id limit 20"
$SQL -c "explain (analyze, buffers off) select count(*) from volunteer v
  where v.region_path >= '44.4412.' and v.region_path < '44.4412/' and (v.name_initials like 'wwj%' or v.real_name like 'wwj%')"
