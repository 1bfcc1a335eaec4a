#!/usr/bin/env bash
# The public dashboard against a loaded city: GET /api/v1/dashboard (the figures as JSON) and
# GET /dashboard (the page) with wrk, next to the same server's /actuator/health/liveness in the same
# run: per-request latency on one connection (p50/p95/p99) and requests per second on 8 connections,
# with the ratios to the trivial endpoint. Then the figures without the cache (the first request of
# each region and year, read from the aggregates), and the time of `java -jar target/wenming.jar
# insight check` (the recount of every aggregate from the raw records) on the same data.
#
# The city is not generated here: load it first (e.g. the demo generator, `java -jar
# target/wenming.jar demo --scale full` on a data folder), then point this script at that folder.
# The server is started on it and stopped before the check (the embedded database allows one process).
#
# Usage: bench/dashboard.sh [DATA_FOLDER] [seconds per run, default 20]
#   PORT (default 28480) and PG_PORT (default 28494) choose the ports. Without DATA_FOLDER a fresh,
#   empty city is started (to try the script). Needs: wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-}
SECONDS_PER_RUN=${2:-20}
PORT=${PORT:-28480}
PG_PORT=${PG_PORT:-28494}
. bench/lib.sh
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
if [ -z "$DATA" ]; then
  start_server "$PORT" "$PG_PORT"
  DATA="$WORK/data"
  OWN_DATA=1
else
  [ -d "$DATA" ] || { echo "no data folder $DATA"; exit 1; }
  export WORK=$(mktemp -d)
  BASE="http://localhost:$PORT"
  if curl -s "$BASE/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
  java -jar target/wenming.jar --server.port=$PORT --wenming.db.embedded-directory="$DATA" \
    --wenming.db.embedded-port=$PG_PORT ${EXTRA_ARGS:-} > "$WORK/server.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
  wait_ready $PID "$WORK/server.log"
  OWN_DATA=0
fi
API="$BASE/api/v1/dashboard"
PAGE="$BASE/dashboard"
status=$(curl -s -o "$WORK/dashboard.json" -w '%{http_code}' "$API")
[ "$status" = 200 ] || { echo "the dashboard answered $status"; tail -20 "$WORK/server.log"; exit 1; }
python3 - "$WORK/dashboard.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
h = f["headline"]
print(f"{f['regionName']} {f['year']}: volunteers {h['volunteers']:,}, teams {h['teams']:,}, hours {h['hours']:,} "
      f"({h['hoursThisYear']:,} this year), sites {h['sites']:,} ({h['demonstrationSites']:,} demonstration), "
      f"activities {h['activities']:,}, lectures {h['lectures']:,} ({h['lectureAudience']:,} attendances), "
      f"completion {f['completionTotal'].get('rate', '-')} %")
PY

# uncached: the first request of each region (the city and its counties) and each year with data
python3 - "$BASE" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
first = json.load(urllib.request.urlopen(base + "/api/v1/dashboard"))
regions = [first["region"]] + [c["key"] for c in first["completionByDistrict"]]
times = []
for year in range(first["firstYear"], first["lastYear"] + 1):
    for region in regions:
        started = time.perf_counter()
        urllib.request.urlopen(f"{base}/api/v1/dashboard?region={region}&year={year}&lang=en").read()
        times.append((time.perf_counter() - started) * 1000)
times.sort()
print(f"uncached (first request of {len(times)} region-years, includes HTTP): median {times[len(times) // 2]:.1f} ms, "
      f"max {times[-1]:.1f} ms")
PY

# warm-up, then the measured runs
for url in "$API" "$PAGE" "$BASE/actuator/health/liveness"; do wrk -t1 -c1 -d3s "$url" > /dev/null; done
baseline=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1)
json=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$API" | tail -1)
page=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$PAGE" | tail -1)
baseline8=$(wrk -t2 -c8 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
json8=$(wrk -t2 -c8 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$API" | tail -1)
page8=$(wrk -t2 -c8 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$PAGE" | tail -1)
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }

echo "| request | connections | result |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | 1 | $baseline |"
echo "| GET /api/v1/dashboard (JSON) | 1 | $json |"
echo "| GET /dashboard (page) | 1 | $page |"
echo "| baseline /actuator/health/liveness | 8 | $baseline8 |"
echo "| GET /api/v1/dashboard (JSON) | 8 | $json8 |"
echo "| GET /dashboard (page) | 8 | $page8 |"
awk -v j="$(field "$json" p95)" -v p="$(field "$page" p95)" -v b="$(field "$baseline" p95)" \
  -v jr="$(field "$json8" rps)" -v pr="$(field "$page8" rps)" -v br="$(field "$baseline8" rps)" \
  'BEGIN { printf "p95 ratio to the baseline (1 connection): JSON %.1f, page %.1f; throughput share of the baseline (8 connections): JSON %.2f, page %.2f (goals: JSON p95 < 50 ms, page >= 1,000 req/s)\n", j / b, p / b, jr / br, pr / br }'

# the recount: the server stops first (one process per embedded data folder)
kill $PID; while kill -0 $PID 2>/dev/null; do sleep 0.1; done
trap 'rm -rf "$WORK"' EXIT
started=$(date +%s.%N)
set +e
java -jar target/wenming.jar insight check --wenming.db.embedded-directory="$DATA" \
  --wenming.db.embedded-port=$PG_PORT > "$WORK/check.log" 2>&1
code=$?
set -e
echo "insight check: exit $code in $(echo "$(date +%s.%N) - $started" | bc) s (JVM start included): $(tail -1 "$WORK/check.log")"
