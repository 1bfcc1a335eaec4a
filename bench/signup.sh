#!/usr/bin/env bash
# Sign-up under spread load (issue 21): POST /api/v1/shifts/{id}/signups by 1,000 signed-in volunteers
# into 400 shifts of one published activity (each request a new volunteer-shift pair, so every one is a
# real sign-up: CONFIRMED, the shifts have room), at 16 and at 32 connections, against the same server's
# liveness probe at the same concurrency as the baseline. The shifts follow each other (two hours each,
# a day apart) so that no sign-up is refused for an overlap. Volunteers, the team, the activity and its
# shifts are inserted with psql; the volunteers sign in through the form.
# Last, every refusal is counted and the counters are checked against the rows (never more than capacity,
# confirmed_count = confirmed rows).
# Needs: wrk, psql, python3. Usage: bench/signup.sh [seconds, default 20]
# WARMUP (seconds, default 30); EXTRA_ARGS are passed to the server; JAR runs another build.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
THREADS=2
VOLUNTEERS=${VOLUNTEERS:-1000}
SHIFTS=${SHIFTS:-400}
. bench/lib.sh
start_server "${PORT:-28430}" "${PG_PORT:-28444}"
$SQL <<SQL
$(bench_volunteers_sql $VOLUNTEERS)
insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by)
  select '压测报名活动', 'SERVICE', id, '端州区测试路1号', '441202', '44.4412.441202.', 'PUBLISHED', 'bench'
  from team where name = '压测志愿服务队';
insert into shift (activity_id, starts_at, ends_at, capacity)
  select a.id, date_trunc('hour', now()) + i * interval '1 day' + interval '2 days',
         date_trunc('hour', now()) + i * interval '1 day' + interval '2 days 2 hours', 100000
  from activity a, generate_series(1, $SHIFTS) i where a.title = '压测报名活动';
analyze;
SQL
$SQL -t -A -c "select s.id from shift s join activity a on a.id = s.activity_id where a.title = '压测报名活动' order by s.id" > "$WORK/shifts.txt"
echo "volunteers: $VOLUNTEERS, shifts: $(wc -l < "$WORK/shifts.txt") (pairs: $((VOLUNTEERS * SHIFTS)))"

: > "$WORK/sessions.txt"
for i in $(seq 1 $VOLUNTEERS); do
  jar="$WORK/vol$i.jar"
  login "$jar" "bench-vol-$i" Bench-volunteer-2026
  echo "$(session "$jar") $(csrf "$jar")" >> "$WORK/sessions.txt"
done
first=$(head -1 "$WORK/sessions.txt")
probe=$(curl -s -H "Cookie: WENMING_SESSION=${first%% *}" -H "X-CSRF-TOKEN: ${first#* }" -X POST \
  "$BASE/api/v1/shifts/$(tail -1 "$WORK/shifts.txt")/signups")
echo "one sign-up: $probe"
echo "$probe" | grep -q CONFIRMED || { echo "the sign-up did not work"; exit 1; }

export WRK_THREADS=$THREADS
# warm-up on other pairs (the JIT compiler sees both workloads before anything is measured)
WARMUP=${WARMUP:-30}
SIGNUP_OFFSET=0 wrk -t$THREADS -c16 -d${WARMUP}s -s bench/signup.lua "$BASE" > /dev/null
wrk -t$THREADS -c16 -d10s "$BASE/actuator/health/liveness" > /dev/null
# each measured run starts where the pairs used so far end
used() { $SQL -t -A -c "select count(*) from signup"; }
result=()
for c in 16 32; do
  baseline=$(wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
  before=$(cpu_ms jvm); before_pg=$(cpu_ms pg); rows=$(used)
  SIGNUP_OFFSET=$((rows + 1000)) wrk -t$THREADS -c$c -d${SECONDS_PER_RUN}s -s bench/signup.lua "$BASE" > "$WORK/wrk.txt"
  signup=$(tail -1 "$WORK/wrk.txt")
  grep "^refused" "$WORK/wrk.txt" || true
  after=$(cpu_ms jvm); after_pg=$(cpu_ms pg); added=$(( $(used) - rows ))
  result+=("| baseline /actuator/health/liveness | $c | $baseline |")
  result+=("| POST /api/v1/shifts/{id}/signups (new pair each) | $c | $signup |")
  field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
  result+=("$(awk -v a="$(field "$signup" rps)" -v b="$(field "$baseline" rps)" -v n="$added" -v j=$((after - before)) \
    -v p=$((after_pg - before_pg)) 'BEGIN { printf "ratio %d conns: sign-up / liveness throughput %.2f; CPU per sign-up: JVM %.2f ms, PostgreSQL %.2f ms", '"$c"', a / b, j / n, p / n }')")
done
echo "| request | connections | latency (ms), throughput |"
echo "|---|---|---|"
printf '%s\n' "${result[@]}" | grep '^|'
printf '%s\n' "${result[@]}" | grep '^ratio'
echo "sign-ups by status: $($SQL -t -A -F' ' -c "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from signup group by status) s")"
bad=$($SQL -t -A -c "select count(*) from shift s where s.confirmed_count <> (select count(*) from signup g where g.shift_id = s.id and g.status = 'CONFIRMED') or s.confirmed_count > s.capacity")
errors=$(grep -c " ERROR " "$WORK/server.log" || true)
echo "server log: $errors ERROR lines$( [ "$errors" = 0 ] || echo "; the first: $(grep -m1 " ERROR " "$WORK/server.log" | cut -c1-300)")"
echo "shifts whose counter differs from the rows or exceeds capacity: $bad"
[ "$bad" = 0 ]
