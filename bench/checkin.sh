#!/usr/bin/env bash
# Check-in under load: POST /api/v1/checkins by 200 signed-in volunteers into 800 shifts under
# way (each request a new volunteer-shift pair with its own Idempotency-Key, so every one records
# an attendance and a check_request row), against the same server's trivial endpoint
# (/actuator/health/liveness) at the same concurrency as the baseline. The activity, shifts,
# volunteers and confirmed sign-ups are inserted with psql (the activity pages are another part);
# the QR tokens are signed here with the key the server is started with.
# Last, a signed-in page (GET $PAGE_PATH, default /me/volunteer) by the same sessions, against the same
# baseline: what reading and touching a session costs.
# Needs: wrk, psql, python3. Usage: bench/checkin.sh [seconds, default 20] [connections, default 32]
# WARMUP (seconds, default 30): check-ins before anything is measured, then the probe, then check-ins
# again, so that the JIT compiler has seen both before the measured runs.
# EXTRA_ARGS are passed to the server, e.g. EXTRA_ARGS=--wenming.db.embedded-durable=false to see
# what the commit's fsync costs on this disk.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-32}
THREADS=2
VOLUNTEERS=200
SHIFTS=2000
SECRET=$(python3 -c 'import os, base64; print(base64.b64encode(os.urandom(32)).decode())')
. bench/lib.sh
start_server "${PORT:-28420}" "${PG_PORT:-28434}" --wenming.checkin.secret="$SECRET" --wenming.checkin.code-period=60s
$SQL <<SQL
$(bench_volunteers_sql $VOLUNTEERS)
$(bench_checkin_shifts_sql $VOLUNTEERS $SHIFTS)
analyze;
SQL
$SQL -t -A -c "select s.id from shift s join activity a on a.id = s.activity_id where a.title = '压测活动' order by s.id" > "$WORK/shifts.txt"
echo "volunteers: $VOLUNTEERS, shifts: $(wc -l < "$WORK/shifts.txt"), confirmed sign-ups: $($SQL -t -A -c 'select count(*) from signup')"

: > "$WORK/sessions.txt"
for i in $(seq 1 $VOLUNTEERS); do
  jar="$WORK/vol$i.jar"
  login "$jar" "bench-vol-$i" Bench-volunteer-2026
  token=$(csrf "$jar")
  echo "$(session "$jar") $token" >> "$WORK/sessions.txt"
done

# tokens for the current 60 s period: valid in it and the next, longer than one run
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
tokens
first=$(head -1 "$WORK/sessions.txt")
probe=$(curl -s -H "Cookie: WENMING_SESSION=${first%% *}" -H "X-CSRF-TOKEN: ${first#* }" -H "Idempotency-Key: bench-probe-1" \
  -H 'Content-Type: application/json' -d "{\"token\":\"$(tail -1 "$WORK/tokens.txt")\",\"action\":\"IN\"}" "$BASE/api/v1/checkins")
echo "one check-in: $probe"
echo "$probe" | grep -q CHECKED_IN || { echo "the check-in did not work"; exit 1; }

export WRK_THREADS=$THREADS
# Warm-up on other pairs, then the measured runs. With 15 s of check-ins and 5 s of the probe the
# JIT compiler still took 10-30 % of the server's CPU in the measured check-in run (async-profiler,
# session 6): each workload, seen after the other, made it compile the shared framework code again.
WARMUP=${WARMUP:-30}
CHECKIN_OFFSET=0 wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -s bench/checkin.lua "$BASE" > /dev/null
wrk -t$THREADS -c$CONNECTIONS -d10s "$BASE/actuator/health/liveness" > /dev/null
tokens
CHECKIN_OFFSET=100000 wrk -t$THREADS -c$CONNECTIONS -d10s -s bench/checkin.lua "$BASE" > /dev/null
wrk -t$THREADS -c$CONNECTIONS -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
tokens
checkin=$(CHECKIN_OFFSET=200000 wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/checkin.lua "$BASE" | tail -1)
recorded=$($SQL -t -A -c "select count(*) from attendance")
requests=$($SQL -t -A -c "select count(*) from check_request")
tokens
single=$(CHECKIN_OFFSET=350000 wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/checkin.lua "$BASE" | tail -1)
baseline1=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
# a signed-in page (GET, the volunteers' sessions in turn): what reading and touching a session costs
wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/page.lua "$BASE" > /dev/null
page=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/page.lua "$BASE" | tail -1)
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }

echo "| request | connections | latency (ms), throughput |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | $CONNECTIONS | $baseline |"
echo "| POST /api/v1/checkins (new check-in each) | $CONNECTIONS | $checkin |"
echo "| baseline /actuator/health/liveness | 1 | $baseline1 |"
echo "| POST /api/v1/checkins (new check-in each) | 1 | $single |"
echo "| GET ${PAGE_PATH:-/me/volunteer} (signed in) | $CONNECTIONS | $page |"
echo "attendance rows after the loaded run: $recorded, check_request rows: $requests"
awk -v a="$(field "$checkin" rps)" -v b="$(field "$baseline" rps)" -v c="$(field "$checkin" p99)" -v d="$(field "$baseline" p99)" \
  'BEGIN { printf "throughput ratio check-in / baseline: %.2f; p99 ratio: %.1f\n", a / b, c / d }'
awk -v a="$(field "$page" rps)" -v b="$(field "$baseline" rps)" -v c="$(field "$page" p99)" -v d="$(field "$baseline" p99)" \
  'BEGIN { printf "throughput ratio signed-in page / baseline: %.2f; p99 ratio: %.1f\n", a / b, c / d }'
