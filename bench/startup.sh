#!/usr/bin/env bash
# Start-up to "ready" (the readiness probe answers UP), timed from outside the process:
#   1. the first start on an empty data folder (initdb, migrations, 28,745 regions, the network);
#   2. restarts on the same folder, the way Wenming is usually started again, in several launch modes:
#      the packaged jar, the extracted jar, the extracted jar with a class-data-sharing archive (JDK 17+),
#      and with JDK 25's ahead-of-time cache when a JDK 25 is found.
# The embedded PostgreSQL's own start time is read from the log as the baseline that start-up
# includes anyway. Each restart mode runs RUNS times (default 3); the median is reported.
# Usage: bench/startup.sh            (builds target/wenming.jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
PORT=${PORT:-28417}
RUNS=${RUNS:-3}
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
WORK=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
ARGS=(--server.port=$PORT --wenming.db.embedded-directory="$WORK/data")

# start CMD... : launches, waits for readiness, prints milliseconds; leaves the pid in $WORK/pid
start() {
  local t0=$(date +%s%N)
  "$@" "${ARGS[@]}" > "$WORK/server.log" 2>&1 &
  echo $! > "$WORK/pid"
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 "$(cat "$WORK/pid")" 2>/dev/null || { echo "Wenming died:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() {
  local pid=$(cat "$WORK/pid")
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
pg_ms() { grep -o 'Embedded PostgreSQL started in [0-9]*' "$WORK/server.log" | grep -o '[0-9]*$'; }
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
restarts() {
  local times=() pgs=()
  for _ in $(seq "$RUNS"); do
    times+=("$(start "$@")"); pgs+=("$(pg_ms)"); stop
  done
  echo "$(echo "${times[@]}" | median) $(echo "${pgs[@]}" | median) (runs: ${times[*]})"
}
row() { set -- $2; echo "| $ROW | $1 | $2 | $(( $1 - $2 )) | ${*:3} |"; }

echo "| launch | to ready (ms, median) | embedded PostgreSQL (ms) | rest (ms) | all runs |"
echo "|---|---|---|---|---|"
first=$(start java -jar target/wenming.jar); pg=$(pg_ms)
rss=$(ps -o rss= -p "$(cat "$WORK/pid")" | tr -d ' '); stop
echo "| first start, \`java -jar target/wenming.jar\` | $first | $pg | $(( first - pg )) | |"

ROW='restart, `java -jar target/wenming.jar`'; row "" "$(restarts java -jar target/wenming.jar)"

java -Djarmode=tools -jar target/wenming.jar extract --destination "$WORK/app" > /dev/null
ROW='restart, extracted jar'; row "" "$(restarts java -jar "$WORK/app/wenming.jar")"

# a training run writes the archive; it exits right after start-up without stopping PostgreSQL,
# which the next start stops (the left-behind case), so one untimed start follows it
java -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$WORK/app/wenming.jar" "${ARGS[@]}" > /dev/null 2>&1 || true
start java -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$WORK/app/wenming.jar" > /dev/null; stop
ROW='restart, extracted jar + CDS archive (JDK 17)'; row "" "$(restarts java -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$WORK/app/wenming.jar")"

if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
  "$JDK25/bin/java" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$WORK/app/wenming.jar" "${ARGS[@]}" > /dev/null 2>&1 || true
  start "$JDK25/bin/java" -XX:AOTCache="$WORK/app.aot" -jar "$WORK/app/wenming.jar" > /dev/null; stop
  ROW='restart, extracted jar + AOT cache (JDK 25)'; row "" "$(restarts "$JDK25/bin/java" -XX:AOTCache="$WORK/app.aot" -jar "$WORK/app/wenming.jar")"
fi
echo
echo "Resident memory of the java process after the first start, idle: $(( rss / 1024 )) MiB (PostgreSQL runs as its own processes)"
