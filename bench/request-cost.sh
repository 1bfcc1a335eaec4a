#!/usr/bin/env bash
# What every request pays (issue 21): the same kinds of request against two builds, one after the other,
# each on a fresh server with the same data, so that the ratios after ÷ before come from one sitting:
#   GET /actuator/health/liveness           the probe: no session, no database, no body
#   GET /activities                         a public page (the tiny demo city's activities)
#   GET /api/v1/activities                  a public API read
#   POST /api/v1/checkins                   a signed-in write (session, CSRF, JSON, two statements)
# at 16 and 32 connections each. Data: the tiny demo city, and the check-in bench's volunteers, shifts and
# sign-ups inserted with psql (200 volunteers, $SHIFTS shifts).
# BEFORE (default /tmp/req-before.jar) and AFTER (default target/wenming.jar) name the jars; JFR=1 records a
# profile of each server (settings=profile) into $OUT/<label>.jfr. Prints a row per request kind and
# connections with both builds' throughput, p99 and the ratio after ÷ before.
# Needs: wrk, psql, python3. Usage: bench/request-cost.sh [seconds per run, default 10]
# Run it under the machine's benchmark lock: flock /work/bench.lock bash bench/request-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
BEFORE=${BEFORE:-/tmp/req-before.jar}
AFTER=${AFTER:-target/wenming.jar}
OUT=${OUT:-/tmp/request-cost}
VOLUNTEERS=200
SHIFTS=${SHIFTS:-400}
THREADS=2
mkdir -p "$OUT"
SECRET=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')
. bench/lib.sh
export WRK_THREADS=$THREADS

stop_server() {
  kill $PID 2>/dev/null || true
  while kill -0 $PID 2>/dev/null; do sleep 0.1; done
  rm -rf "$WORK"
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

# run LABEL JAR: a fresh server of JAR, the data, a warm-up, then each kind of request at 16 and 32 connections;
# results into $OUT/LABEL.txt as "kind connections wrk-line".
run() {
  local label=$1 opts=""
  [ "${JFR:-0}" = 1 ] && opts="-XX:StartFlightRecording=filename=$OUT/$label.jfr,settings=profile"
  JAR=$2 DEMO=tiny JAVA_OPTS="$opts" start_server "${PORT:-28640}" "${PG_PORT:-28660}" \
    --wenming.checkin.secret="$SECRET" --wenming.checkin.code-period=60s
  until grep -qa "Demo city ready" "$WORK/server.log"; do
    kill -0 $PID 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
    sleep 1
  done
  $SQL <<SQL
$(bench_volunteers_sql $VOLUNTEERS)
insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by)
  select '压测活动', 'SERVICE', id, '端州区测试路1号', '441202', '44.4412.441202.', 'PUBLISHED', 'bench'
  from team where name = '压测志愿服务队';
insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
  select a.id, now() - interval '10 minutes', now() + interval '3 hours', 1000, $VOLUNTEERS
  from activity a, generate_series(1, $SHIFTS) where a.title = '压测活动';
insert into signup (shift_id, volunteer_id, status, shift_day)
  select s.id, v.id, 'CONFIRMED', s.starts_on from shift s join activity a on a.id = s.activity_id, volunteer v
  where a.title = '压测活动' and v.registered_by = 'bench';
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
    echo "== $path"; curl -s -D - -o "$WORK/body" "$BASE$path" | grep -v '^Date:'; cat "$WORK/body" | head -c 200; echo
  done > "$OUT/$label.headers"
  tokens
  # warm-up: every kind, so that the JIT compiler has seen them all before anything is measured
  CHECKIN_OFFSET=0 wrk -t$THREADS -c32 -d15s -s bench/checkin.lua "$BASE" > /dev/null
  for path in /actuator/health/liveness /activities /api/v1/activities; do
    wrk -t$THREADS -c32 -d5s "$BASE$path" > /dev/null
  done
  tokens
  local offset=100000
  : > "$OUT/$label.txt"
  for c in 16 32; do
    for kind in liveness page api checkin; do
      local cpu0=$(cpu_ms) jvm0=$(cpu_ms jvm)
      case $kind in
        liveness) line=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1) ;;
        page) line=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/activities" | tail -1) ;;
        api) line=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/api/v1/activities" | tail -1) ;;
        checkin) tokens; line=$(CHECKIN_OFFSET=$offset wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/checkin.lua "$BASE" | tail -1)
          offset=$((offset + 100000)) ;;
      esac
      local cpu1=$(cpu_ms) jvm1=$(cpu_ms jvm) requests=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/')
      # the server's CPU per request (JVM and PostgreSQL), whatever else the machine is doing
      line="$line $(awk -v c=$((cpu1 - cpu0)) -v j=$((jvm1 - jvm0)) -v r="$requests" \
        'BEGIN { printf "cpu_us=%.0f jvm_us=%.0f", (r > 0 ? 1000 * c / r : 0), (r > 0 ? 1000 * j / r : 0) }')"
      echo "$kind $c $line" | tee -a "$OUT/$label.txt"
    done
  done
  echo "$label: check-ins recorded $($SQL -t -A -c 'select count(*) from attendance'), requests $($SQL -t -A -c 'select count(*) from check_request')"
  stop_server
}

echo "before: $BEFORE"; run before "$BEFORE"
echo "after: $AFTER"; run after "$AFTER"
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
echo "| request | connections | before: req/s, p99 ms, server CPU µs a request (JVM) | after: the same | throughput after ÷ before | CPU a request after ÷ before | failed before/after |"
echo "|---|---|---|---|---|---|---|"
while read -r kind c rest; do
  after=$(grep "^$kind $c " "$OUT/after.txt" | cut -d' ' -f3-)
  name=$(case $kind in liveness) echo "GET /actuator/health/liveness";; page) echo "GET /activities";;
    api) echo "GET /api/v1/activities";; checkin) echo "POST /api/v1/checkins";; esac)
  awk -v n="$name" -v c="$c" -v a="$(field "$rest" rps)" -v ap="$(field "$rest" p99)" -v b="$(field "$after" rps)" \
    -v bp="$(field "$after" p99)" -v f="$(field "$rest" failed)/$(field "$after" failed)" \
    -v ac="$(field "$rest" cpu_us)" -v aj="$(field "$rest" jvm_us)" -v bc="$(field "$after" cpu_us)" -v bj="$(field "$after" jvm_us)" \
    'BEGIN { printf "| %s | %s | %d, %.1f, %d (%d) | %d, %.1f, %d (%d) | **%.2f** | %.2f | %s |\n", n, c, a, ap, ac, aj, b, bp, bc, bj, b / a, (ac > 0 ? bc / ac : 0), f }'
done < "$OUT/before.txt"
