#!/usr/bin/env bash
# Start-up to "ready" (the readiness probe answers UP), timed from outside the process, before and
# after issue 21 side by side in one run:
#   before = `java -jar <jar>`, the launch everyone got until issue 21 (JAR_BEFORE, default target/wenming.jar);
#   after  = `./wenming`, the launcher the README runs (extracted jar, the class cache of a training
#            start, the JVM flags of README's table), with its own copy of the extracted jar, so its
#            first start includes the training start.
# For each: the first start on an empty data folder (initdb, migrations, 28,745 regions, the network and
# the demo city at DEMO scale, default tiny), then RUNS restarts on the same folder (default 3, median
# reported), and the java process's resident memory idle (IDLE seconds, default 5, after ready) after
# the first start and after the last restart, then LOAD seconds (default 10; 0: none) of wrk on the liveness
# probe and on the home page with the RSS after it. With a JDK 25 (JDK25=..., found under /usr/lib/jvm by
# default) the launcher's restarts are timed on it too (its ahead-of-time cache). The embedded
# PostgreSQL's own start (read from the log) is the part no Java change removes.
# Run it under the shared lock: flock /work/bench.lock bash bench/startup.sh
# Usage: [JAR_BEFORE=/tmp/before.jar] [RUNS=3] [DEMO=tiny] bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
JAR_BEFORE=${JAR_BEFORE:-target/wenming.jar}
PORT=${PORT:-28417}
PG_PORT=${PG_PORT:-0}
RUNS=${RUNS:-3}
IDLE=${IDLE:-5}
LOAD=${LOAD:-10}
DEMO=${DEMO:-tiny}
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
WORK=$(mktemp -d)
echo 0 > "$WORK/pid"
trap 'kill "$(cat "$WORK/pid")" 2>/dev/null || true; sleep 1; rm -rf "$WORK"' EXIT
export WENMING_APP_DIR="$WORK/app"

# start DATA CMD... : launches, waits for readiness, prints milliseconds; leaves the pid in $WORK/pid
start() {
  local data=$1; shift
  local t0=$(date +%s%N)
  "$@" --server.port=$PORT --wenming.db.embedded-port=$PG_PORT --wenming.db.embedded-directory="$WORK/$data" \
    --wenming.demo.on-first-start=$DEMO > "$WORK/server.log" 2>&1 &
  echo $! > "$WORK/pid"
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 "$(cat "$WORK/pid")" 2>/dev/null || { echo "Wenming died:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
# the java process (./wenming execs it, so it is the launched pid), IDLE seconds after ready, in MiB
rss() { sleep "$IDLE"; echo $(( $(ps -o rss= -p "$(cat "$WORK/pid")") / 1024 )); }
stop() {
  local pid=$(cat "$WORK/pid")
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
pg_ms() { grep -o 'Embedded PostgreSQL started in [0-9]*' "$WORK/server.log" | grep -o '[0-9]*$' || echo 0; }
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# restart LABEL DATA CMD... : one timed restart, "ms pg" appended to $WORK/LABEL.times; with LAST=1 also the idle
# RSS (to $WORK/LABEL.rss) and the load (a row appended to $WORK/loads.txt)
restart() {
  local label=$1 data=$2; shift 2
  local ms=$(start "$data" "$@")
  echo "$ms $(pg_ms)" >> "$WORK/$label.times"
  if [ "${LAST:-0}" = 1 ]; then
    rss > "$WORK/$label.rss"
    if [ "$LOAD" -gt 0 ]; then load >> "$WORK/loads.txt"; fi
  fi
  stop
}
# summary LABEL : "median pg-median rss (runs: ...)"
summary() {
  local times=$(cut -d' ' -f1 "$WORK/$1.times" | tr '\n' ' ') pgs=$(cut -d' ' -f2 "$WORK/$1.times" | tr '\n' ' ')
  echo "$(echo $times | median) $(echo $pgs | median) $(cat "$WORK/$1.rss" 2>/dev/null || echo 0) (runs: ${times% })"
}
# LOAD seconds of wrk (16 connections) on the liveness probe, then on the home page; the RSS after both
# (before and after: in the last round, in that round's order)
load() {
  local live=$(wrk -t2 -c16 -d"${LOAD}s" -s bench/throughput.lua "http://localhost:$PORT/actuator/health/liveness" | tail -1)
  local home=$(wrk -t2 -c16 -d"${LOAD}s" -s bench/throughput.lua "http://localhost:$PORT/" | tail -1)
  echo "| $ROW | $(echo "$live" | grep -o 'rps=[0-9]*' | cut -d= -f2) | $(echo "$live" | grep -o 'p99=[0-9.]*' | cut -d= -f2) | $(echo "$home" | grep -o 'rps=[0-9]*' | cut -d= -f2) | $(echo "$home" | grep -o 'p99=[0-9.]*' | cut -d= -f2) | $(( $(ps -o rss= -p "$(cat "$WORK/pid")") / 1024 )) |"
}
first() {
  local data=$1; shift
  local ms=$(start "$data" "$@"); local pg=$(pg_ms); local mem=$(rss); stop
  echo "$ms $pg $mem"
}
row() { set -- $2; echo "| $ROW | $1 | $2 | $(( $1 - $2 )) | $3 | ${*:4} |"; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -1)"
echo
echo "| launch | to ready (ms, median) | embedded PostgreSQL (ms) | rest (ms) | java RSS idle (MiB) | all runs |"
echo "|---|---|---|---|---|---|"
ROW="before: first start, \`java -jar $JAR_BEFORE\`"; row "" "$(first before java -jar "$JAR_BEFORE")"
ROW="after: first start, \`./wenming\` (with its training start)"; row "" "$(first after ./wenming)"
# restarts before and after alternate (before first in odd rounds, after first in even ones), so that
# both meet the same load from anything else on the machine
B_ROW="before: restart, \`java -jar $JAR_BEFORE\`"
A_ROW='after: restart, `./wenming`'
for i in $(seq "$RUNS"); do
  LAST=$([ "$i" = "$RUNS" ] && echo 1 || echo 0)
  if [ $(( i % 2 )) = 1 ]; then
    ROW=$B_ROW restart before before java -jar "$JAR_BEFORE"; ROW=$A_ROW restart after after ./wenming
  else
    ROW=$A_ROW restart after after ./wenming; ROW=$B_ROW restart before before java -jar "$JAR_BEFORE"
  fi
done
ROW=$B_ROW; row "" "$(summary before)"
ROW=$A_ROW; row "" "$(summary after)"
if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
  # the first start on JDK 25 writes its own cache (a training start), untimed
  JAVA_HOME="$JDK25" start after ./wenming > /dev/null; stop
  for i in $(seq "$RUNS"); do JAVA_HOME="$JDK25" LAST=$([ "$i" = "$RUNS" ] && echo 1 || echo 0) LOAD=0 restart jdk25 after ./wenming; done
  ROW="after: restart, \`JAVA_HOME=$JDK25 ./wenming\`"; row "" "$(summary jdk25)"
fi
echo
echo "(RSS: the java process $IDLE s after ready; PostgreSQL runs as its own processes and is not included)"
if [ -s "$WORK/loads.txt" ]; then
  echo
  echo "Under load after the last restart, $LOAD s each, 16 connections:"
  echo
  echo "| launch | liveness (requests/s) | liveness p99 (ms) | home page (requests/s) | home page p99 (ms) | java RSS after (MiB) |"
  echo "|---|---|---|---|---|---|"
  cat "$WORK/loads.txt"
fi
