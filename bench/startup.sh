#!/usr/bin/env bash
# First start on an empty data folder, then a restart on the same folder: time from launching the
# JVM until the readiness probe answers UP, measured from outside the process.
# The embedded PostgreSQL's own start time and the region load are read from the log, as the
# baseline that the rest of start-up is compared against.
# Usage: bench/startup.sh            (builds target/wenming.jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
PORT=${PORT:-28417}
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
WORK=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

start() {
  local log=$1
  local t0=$(date +%s%N)
  java -jar target/wenming.jar --server.port=$PORT --wenming.db.embedded-directory="$WORK/data" > "$log" 2>&1 &
  echo $! > "$WORK/pid"
  local PID=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 $PID 2>/dev/null || { echo "Wenming died; see $log"; cat "$log"; exit 1; }
    sleep 0.05
  done
  local t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

stop() {
  kill "$PID"
  while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
}

first=$(start "$WORK/first.log"); PID=$(cat "$WORK/pid")
pg_first=$(grep -o 'Embedded PostgreSQL started in [0-9]*' "$WORK/first.log" | grep -o '[0-9]*$')
regions=$(grep -o 'Loaded [0-9]* regions in [0-9]*' "$WORK/first.log" | grep -o '[0-9]*$' || echo "-")
rss_idle=$(ps -o rss= -p $PID | tr -d ' ')
stop
second=$(start "$WORK/second.log"); PID=$(cat "$WORK/pid")
pg_second=$(grep -o 'Embedded PostgreSQL started in [0-9]*' "$WORK/second.log" | grep -o '[0-9]*$')
stop

echo "| run | to ready (ms) | embedded PostgreSQL (ms) | region load (ms) | rest of start-up (ms) |"
echo "|---|---|---|---|---|"
echo "| first start (initdb, migrations, 28,745 regions, network) | $first | $pg_first | $regions | $(( first - pg_first )) |"
echo "| restart (same data folder) | $second | $pg_second | skipped | $(( second - pg_second )) |"
echo
echo "Resident memory after first start, idle: $(( rss_idle / 1024 )) MiB (java process only; PostgreSQL runs as its own processes)"
