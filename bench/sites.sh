#!/usr/bin/env bash
# Subtree listing of all Zhaoqing practice sites with a city staff member's scope applied
# (GET /api/v1/admin/sites?region=4412&size=2000), against the same server's trivial endpoint
# (/actuator/health/liveness) as the baseline, one connection at a time so the figures are
# per-request latency. Also reports the server's resident memory before and after.
# Needs: wrk (apt-get install wrk). Usage: bench/sites.sh [seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
PORT=${PORT:-28418}
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
WORK=$(mktemp -d)
BASE="http://localhost:$PORT"
ADMIN_PASSWORD="Bench-admin-$(date +%s)"
WENMING_ADMIN_PASSWORD="$ADMIN_PASSWORD" java -jar target/wenming.jar --server.port=$PORT \
  --wenming.db.embedded-directory="$WORK/data" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
. bench/lib.sh
wait_ready $PID "$WORK/server.log"

STAFF_PASSWORD="City-staff-2026"
create_city_staff "$ADMIN_PASSWORD" "$STAFF_PASSWORD"
SESSION=$(session "$WORK/staff.jar")
LIST="$BASE/api/v1/admin/sites?region=4412&size=2000"
count=$(curl -s -H "Cookie: WENMING_SESSION=$SESSION" "$LIST" | grep -o '"id":' | wc -l)
echo "sites returned by one listing: $count"
[ "$count" -gt 1600 ] || { echo "listing did not return the city's sites"; exit 1; }

rss_before=$(ps -o rss= -p $PID | tr -d ' ')
# warm-up, then the measured runs
wrk -t1 -c1 -d5s -H "Cookie: WENMING_SESSION=$SESSION" "$LIST" > /dev/null
wrk -t1 -c1 -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1)
listing=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$LIST" | tail -1)
concurrent=$(wrk -t2 -c8 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$LIST" | tail -1)
rss_after=$(ps -o rss= -p $PID | tr -d ' ')
p95() { echo "$1" | sed 's/.*p95=\([0-9.]*\).*/\1/'; }

echo "| endpoint | connections | latency |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | 1 | $baseline |"
echo "| all $count sites of 4412, city scope | 1 | $listing |"
echo "| all $count sites of 4412, city scope | 8 | $concurrent |"
echo
awk -v a="$(p95 "$listing")" -v b="$(p95 "$baseline")" 'BEGIN { printf "p95 ratio listing / baseline: %.1f\n", a / b }'
echo "resident memory: $(( rss_before / 1024 )) MiB after start, $(( rss_after / 1024 )) MiB after the runs"
