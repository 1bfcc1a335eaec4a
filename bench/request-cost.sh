#!/usr/bin/env bash
# What every request pays (issue 21): the same kinds of request against two builds side by side, each on a
# fresh server of its own with the same data, measured row by row in turn (before, after, before, after...)
# so that both meet the same moment of this shared machine:
#   GET /actuator/health/liveness           the probe: no session, no database, no body
#   GET /activities                         a public page (the tiny demo city's activities)
#   GET /api/v1/activities                  a public API read
#   POST /api/v1/checkins                   a signed-in write (session, CSRF, JSON, two statements)
# at 16 and 32 connections each. Data: the tiny demo city, and the check-in bench's volunteers, shifts and
# sign-ups inserted with psql (200 volunteers, $SHIFTS shifts: 200,000 volunteer-shift pairs, each checked in
# once: the warm-up takes the first 20,000, each measured row the next 20,000), in each server's own database.
# Besides wrk's figures, the server's CPU per request (JVM and PostgreSQL, from /proc: what a request costs
# whatever else the machine does), and the answers' headers of both builds ($OUT/before.headers, after.headers).
# BEFORE (default /tmp/req-before.jar) and AFTER (default target/wenming.jar) name the jars; JFR=1 records a
# profile of each server into $OUT/<label>.jfr. ROUNDS (default 1) repeats the measured rows.
# Needs: wrk, psql, python3. Usage: bench/request-cost.sh [seconds per run, default 10]
# Run it under the machine's benchmark lock: flock /work/bench.lock bash bench/request-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
BEFORE=${BEFORE:-/tmp/req-before.jar}
AFTER=${AFTER:-target/wenming.jar}
OUT=${OUT:-/tmp/request-cost}
VOLUNTEERS=200
SHIFTS=${SHIFTS:-1000}
THREADS=2
PORT=${PORT:-28640}
PG_PORT=${PG_PORT:-28660}
mkdir -p "$OUT"
SECRET=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')
. bench/lib.sh
export WRK_THREADS=$THREADS
declare -A SERVER_WORK SERVER_BASE SERVER_PID SERVER_SQL

stop_all() {
  for label in "${!SERVER_PID[@]}"; do kill "${SERVER_PID[$label]}" 2>/dev/null || true; done
  for label in "${!SERVER_PID[@]}"; do
    while kill -0 "${SERVER_PID[$label]}" 2>/dev/null; do sleep 0.1; done
    rm -rf "${SERVER_WORK[$label]}"
  done
}

# use LABEL: WORK, BASE, PID and SQL of that server (for lib.sh's helpers and the wrk scripts)
use() {
  export WORK=${SERVER_WORK[$1]}
  BASE=${SERVER_BASE[$1]}; PID=${SERVER_PID[$1]}; SQL=${SERVER_SQL[$1]}
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

# prepare LABEL JAR PORT PG_PORT: a fresh server of JAR with the data and signed-in volunteers
prepare() {
  local label=$1 opts=""
  [ "${JFR:-0}" = 1 ] && opts="-XX:StartFlightRecording=filename=$OUT/$label.jfr,settings=profile"
  JAR=$2 DEMO=tiny JAVA_OPTS="$opts" start_server "$3" "$4" \
    --wenming.checkin.secret="$SECRET" --wenming.checkin.code-period=60s
  SERVER_WORK[$label]=$WORK; SERVER_BASE[$label]=$BASE; SERVER_PID[$label]=$PID; SERVER_SQL[$label]=$SQL
  trap stop_all EXIT
  until grep -qa "Demo city ready" "$WORK/server.log"; do
    kill -0 $PID 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
    sleep 1
  done
  $SQL <<SQL
$(bench_volunteers_sql $VOLUNTEERS)
$(bench_checkin_shifts_sql $VOLUNTEERS $SHIFTS)
analyze;
SQL
  $SQL -t -A -c "select s.id from shift s join activity a on a.id = s.activity_id where a.title = '压测活动' order by s.id" > "$WORK/shifts.txt"
  : > "$WORK/sessions.txt"
  for i in $(seq 1 $VOLUNTEERS); do
    jar="$WORK/vol$i.jar"
    login "$jar" "bench-vol-$i" Bench-volunteer-2026
    echo "$(session "$jar") $(csrf "$jar")" >> "$WORK/sessions.txt"
  done
  for path in /actuator/health/liveness /activities /api/v1/activities; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    [ "$status" = 200 ] || { echo "$path answered $status"; tail -20 "$WORK/server.log"; exit 1; }
  done
  # the answers' headers (Date left out), to compare the builds: the same security headers on every kind
  for path in /actuator/health/liveness /actuator/health/readiness /activities /api/v1/activities; do
    echo "== $path"; curl -s -D - -o "$WORK/body" "$BASE$path" | grep -v '^Date:'; head -c 200 "$WORK/body"; echo
  done > "$OUT/$label.headers"
}

# warm LABEL: every kind, so that the JIT compiler has seen them all before anything is measured
warm() {
  use "$1"
  tokens
  CHECKIN_OFFSET=0 wrk -t$THREADS -c32 -d15s -s bench/checkin.lua "$BASE" > /dev/null
  for path in /actuator/health/liveness /activities /api/v1/activities; do
    wrk -t$THREADS -c32 -d5s "$BASE$path" > /dev/null
  done
}

# measure LABEL KIND CONNECTIONS OFFSET: one wrk run, with the server's CPU per request, appended to $OUT/LABEL.txt
measure_row() {
  local label=$1 kind=$2 c=$3 line
  use "$label"
  local cpu0=$(cpu_ms) jvm0=$(cpu_ms jvm)
  case $kind in
    liveness) line=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1) ;;
    page) line=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/activities" | tail -1) ;;
    api) line=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/api/v1/activities" | tail -1) ;;
    checkin) tokens; line=$(CHECKIN_OFFSET=$4 wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/checkin.lua "$BASE" | tail -1) ;;
  esac
  local cpu1=$(cpu_ms) jvm1=$(cpu_ms jvm) requests=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/')
  line="$line $(awk -v c=$((cpu1 - cpu0)) -v j=$((jvm1 - jvm0)) -v r="$requests" \
    'BEGIN { printf "cpu_us=%.0f jvm_us=%.0f", (r > 0 ? 1000 * c / r : 0), (r > 0 ? 1000 * j / r : 0) }')"
  echo "$kind $c $line" | tee -a "$OUT/$label.txt"
}

echo "before: $BEFORE, after: $AFTER"
prepare before "$BEFORE" "$PORT" "$PG_PORT"
prepare after "$AFTER" $((PORT + 1)) $((PG_PORT + 1))
warm before; warm after
: > "$OUT/before.txt"; : > "$OUT/after.txt"
offset=20000
for round in $(seq 1 "${ROUNDS:-1}"); do
  for c in 16 32; do
    for kind in liveness page api checkin; do
      # alternate which build goes first, so neither always meets the other's leftovers
      if [ $(( (round + c / 16) % 2 )) = 0 ]; then order="before after"; else order="after before"; fi
      for label in $order; do measure_row "$label" "$kind" "$c" "$offset"; done
      [ $kind = checkin ] && offset=$((offset + 20000))
    done
  done
done
for label in before after; do
  use "$label"
  echo "$label: check-ins recorded $($SQL -t -A -c 'select count(*) from attendance'), requests $($SQL -t -A -c 'select count(*) from check_request')"
done
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
echo "| request | connections | before: req/s, p99 ms, server CPU µs a request (JVM) | after: the same | throughput after ÷ before | CPU a request after ÷ before | failed before/after |"
echo "|---|---|---|---|---|---|---|"
paste -d'\n' "$OUT/before.txt" "$OUT/after.txt" | paste - - | while IFS=$'\t' read -r b a; do
  read -r kind c rest <<< "$b"
  after=$(echo "$a" | cut -d' ' -f3-)
  name=$(case $kind in liveness) echo "GET /actuator/health/liveness";; page) echo "GET /activities";;
    api) echo "GET /api/v1/activities";; checkin) echo "POST /api/v1/checkins";; esac)
  awk -v n="$name" -v c="$c" -v a="$(field "$rest" rps)" -v ap="$(field "$rest" p99)" -v b="$(field "$after" rps)" \
    -v bp="$(field "$after" p99)" -v f="$(field "$rest" failed)/$(field "$after" failed)" \
    -v ac="$(field "$rest" cpu_us)" -v aj="$(field "$rest" jvm_us)" -v bc="$(field "$after" cpu_us)" -v bj="$(field "$after" jvm_us)" \
    'BEGIN { printf "| %s | %s | %d, %.1f, %d (%d) | %d, %.1f, %d (%d) | **%.2f** | %.2f | %s |\n", n, c, a, ap, ac, aj, b, bp, bc, bj, b / a, (ac > 0 ? bc / ac : 0), f }'
done
