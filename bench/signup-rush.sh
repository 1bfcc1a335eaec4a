#!/usr/bin/env bash
# The 8 o'clock rush (issue 21): 10,000 signed-in volunteers, one published activity of 5 shifts × 100
# places with a waitlist, and every volunteer signs up for one shift (volunteer i → shift i mod 5) within
# 10 seconds: POST /api/v1/shifts/{id}/signups sent open loop, request k at t0 + k × 1 ms whatever the
# earlier answers (bench/SignupRush.java, HttpClient.sendAsync). Meanwhile 1,000 readers (another process) poll the
# activity's places left (GET /api/v1/activities/{id}, each every 2 s: 500 reads a second) until the last
# sign-up is answered, and the HTML page /activities/{id} is read once in the middle.
# Before the rush: the volunteers sign in through the form (sessions and CSRF tokens kept), WARMUP seconds
# of sign-ups for another activity's shift (the JIT compiler sees the path), one volunteer fires the same
# sign-up DUPLICATES times at once for a third activity (one sign-up, the rest the same answer or 409
# "already signed up"), and the liveness probe under wrk is the baseline of the same run.
# The report (markdown, for docs/BENCHMARKS.md): sign-up latency, errors by status, confirmed by the
# answers and by the rows, the time until the last place was taken, the readers' latency, and the
# waitlist's order against the send order (inverted pairs). Fails unless exactly 500 confirmed, no 5xx,
# and every shift's counters equal to its rows and within capacity.
# Volunteers, team, activities and shifts are inserted with psql (bench_volunteers_sql in bench/lib.sh).
# Needs: wrk, psql, java 17+. Usage: bench/signup-rush.sh
# VOLUNTEERS (10000), SPACING_US (1000: µs between sign-ups), READERS (1000), READ_PERIOD_MS (2000),
# WARMUP (seconds, 10), DUPLICATES (100), LOGIN_THREADS (16), CLIENT_NICE (-10: the rush client's priority); PG_STATS=FILE writes the rush's statements by PostgreSQL time to FILE; EXTRA_ARGS are passed to the server, JAR
# runs another build (e.g. the commit before a change).
set -euo pipefail
cd "$(dirname "$0")/.."
VOLUNTEERS=${VOLUNTEERS:-10000}
SHIFTS=5
CAPACITY=100
SPACING_US=${SPACING_US:-1000}
READERS=${READERS:-1000}
READ_PERIOD_MS=${READ_PERIOD_MS:-2000}
WARMUP=${WARMUP:-10}
DUPLICATES=${DUPLICATES:-100}
LOGIN_THREADS=${LOGIN_THREADS:-16}
CLIENT="java -Xss512k bench/SignupRush.java"
. bench/lib.sh
start_server "${PORT:-28680}" "${PG_PORT:-28700}"
echo "server: ${JAR:-target/wenming.jar}"
# one more volunteer than the rush takes: the one who fires the same sign-up many times
$SQL <<SQL
$(bench_volunteers_sql $((VOLUNTEERS + 1)))
insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by,
    starts_at, ends_at, published_at)
  select t.title, 'SERVICE', team.id, '端州区测试路1号', '441202', '44.4412.441202.', 'PUBLISHED', 'bench',
    date_trunc('hour', now()) + interval '2 days', date_trunc('hour', now()) + interval '60 days', now()
  from team, (values ('压测抢报活动'), ('压测预热活动'), ('压测重复报名活动')) t(title)
  where team.name = '压测志愿服务队';
-- the rush: 5 shifts × 100 places, a day apart (no overlap), with a waitlist
insert into shift (activity_id, starts_at, ends_at, capacity)
  select a.id, date_trunc('hour', now()) + i * interval '1 day' + interval '2 days',
         date_trunc('hour', now()) + i * interval '1 day' + interval '2 days 2 hours', $CAPACITY
  from activity a, generate_series(1, $SHIFTS) i where a.title = '压测抢报活动';
insert into shift (activity_id, starts_at, ends_at, capacity)
  select a.id, date_trunc('hour', now()) + interval '30 days', date_trunc('hour', now()) + interval '30 days 2 hours', 100000
  from activity a where a.title = '压测预热活动';
insert into shift (activity_id, starts_at, ends_at, capacity)
  select a.id, date_trunc('hour', now()) + interval '40 days', date_trunc('hour', now()) + interval '40 days 2 hours', 10
  from activity a where a.title = '压测重复报名活动';
analyze;
SQL
shift_of() { $SQL -t -A -c "select s.id from shift s join activity a on a.id = s.activity_id where a.title = '$1' order by s.id"; }
ACTIVITY=$($SQL -t -A -c "select id from activity where title = '压测抢报活动'")
shift_of 压测抢报活动 > "$WORK/shifts.txt"
WARM_SHIFT=$(shift_of 压测预热活动)
DUP_SHIFT=$(shift_of 压测重复报名活动)
waitlist=$($SQL -t -A -c "select waitlist from activity where id = $ACTIVITY")
echo "activity $ACTIVITY (waitlist: $waitlist), shifts $(tr '\n' ' ' < "$WORK/shifts.txt")× $CAPACITY places; volunteers: $VOLUNTEERS (+1)"

$CLIENT login "$BASE" "$WORK" 1 $((VOLUNTEERS + 1)) "$LOGIN_THREADS"
$CLIENT warm "$BASE" "$WORK" "$WARM_SHIFT" "$WARMUP" 16
dup_ok=0
$CLIENT dup "$BASE" "$WORK" "$DUP_SHIFT" "$DUPLICATES" || dup_ok=$?
dup_rows=$($SQL -t -A -c "select count(*) from signup where shift_id = $DUP_SHIFT")
dup_counts=$($SQL -t -A -F' ' -c "select confirmed_count, waitlist_count from shift where id = $DUP_SHIFT")
echo "  rows of that shift afterwards: $dup_rows (confirmed_count, waitlist_count: $dup_counts)"
[ "$dup_rows" = 1 ] || dup_ok=1

wrk -t2 -c16 -d3s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t2 -c16 -d10s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
echo "baseline liveness (16 connections, 10 s): $baseline"

# the whole machine's busy and idle time (/proc/stat: user nice system idle iowait irq softirq steal, in ticks)
machine() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
cpu_before=$(cpu_ms jvm); pg_before=$(cpu_ms pg); pg_stats_reset
read busy_before idle_before <<< "$(machine)"
# the client runs at a higher priority than the server (CLIENT_NICE, default -10, needs root; 0 to leave it): on
# 2 shared cores an open-loop client starved by the server's threads sends late and reads its answers late
# the readers in a process of their own (a process holds at most `ulimit -n` connections: 20,000 here), both
# processes starting at the same wall-clock instant T0 (after their JVMs have started and warmed up)
T0=$(( $(date +%s%3N) + 20000 ))
rm -f "$WORK/rush-done"
nice -n "${CLIENT_NICE:--10}" $CLIENT read "$BASE" "$WORK" "$ACTIVITY" "$READERS" "$READ_PERIOD_MS" "$T0" | tee -a "$WORK/client.out" &
READ_PID=$!
nice -n "${CLIENT_NICE:--10}" $CLIENT rush "$BASE" "$WORK" "$ACTIVITY" "$VOLUNTEERS" "$SPACING_US" "$T0" | tee -a "$WORK/client.out"
wait $READ_PID
cpu_after=$(cpu_ms jvm); pg_after=$(cpu_ms pg)
read busy_after idle_after <<< "$(machine)"

shifts_in=$(paste -sd, "$WORK/shifts.txt")
$SQL -t -A -c "
  select u.username, s.id, s.shift_id, s.status, extract(epoch from s.signed_up_at) * 1000,
         row_number() over (partition by s.shift_id, s.status order by s.queued_at, s.id)
  from signup s join volunteer v on v.id = s.volunteer_id join app_user u on u.id = v.user_id
  where s.shift_id in ($shifts_in)" > "$WORK/rows.tsv"
report_ok=0
echo
echo "## the rush: $(date -u +%Y-%m-%d), ${JAR:-target/wenming.jar}"
echo
echo "| measure | value |"
echo "|---|---|"
echo "| baseline: wrk GET /actuator/health/liveness, 16 connections, 10 s, same run | $baseline |"
$CLIENT report "$WORK" || report_ok=$?
tick_ms=$((1000 / $(getconf CLK_TCK)))
echo "| CPU during the rush (sign-ups + reads; from 20 s before t0, while the clients wait, to the last answer) | JVM $((cpu_after - cpu_before)) ms, PostgreSQL $((pg_after - pg_before)) ms; the clients (from t0): $(grep -o "the client's CPU [0-9]*" "$WORK/client.out" | grep -o '[0-9]*$') ms sending, $(grep -o "the readers' CPU [0-9]*" "$WORK/client.out" | grep -o '[0-9]*$') ms reading; the whole machine busy $(((busy_after - busy_before) * tick_ms)) ms, idle $(((idle_after - idle_before) * tick_ms)) ms |"
echo "| the same sign-up $DUPLICATES times at once by one volunteer | rows afterwards: $dup_rows $( [ $dup_ok = 0 ] && echo '(one sign-up, the rest the same or 409 already signed up)' || echo '— WRONG' ) |"
echo
cat "$WORK/report-details.txt"
echo "sign-ups of the rush's shifts by status (database): $($SQL -t -A -c "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from signup where shift_id in ($shifts_in) group by status order by status) s")"
$SQL -t -A -F' ' -c "select id, capacity, confirmed_count, waitlist_count from shift where id in ($shifts_in) order by id" \
  | awk '{ printf "shift %s: capacity %s, confirmed_count %s, waitlist_count %s\n", $1, $2, $3, $4 }'
bad=$($SQL -t -A -c "select count(*) from shift s where s.confirmed_count <> (select count(*) from signup g where g.shift_id = s.id and g.status = 'CONFIRMED')
  or s.waitlist_count <> (select count(*) from signup g where g.shift_id = s.id and g.status = 'WAITLISTED') or s.confirmed_count > s.capacity")
echo "shifts whose counters differ from the rows or exceed capacity: $bad"
confirmed=$($SQL -t -A -c "select count(*) from signup where shift_id in ($shifts_in) and status = 'CONFIRMED'")
[ "$confirmed" = $((SHIFTS * CAPACITY)) ] || { echo "FAIL: $confirmed confirmed, not $((SHIFTS * CAPACITY))"; exit 1; }
[ "$bad" = 0 ] || { echo "FAIL: counters"; exit 1; }
[ "$report_ok" = 0 ] || { echo "FAIL: see the report"; exit 1; }
[ "$dup_ok" = 0 ] || { echo "FAIL: the same sign-up many times"; exit 1; }
