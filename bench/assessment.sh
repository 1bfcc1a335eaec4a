#!/usr/bin/env bash
# Field assessment under load (issue 16), each figure beside the same server's trivial endpoint
# (/actuator/health/liveness) measured in the same run, at the same concurrency:
#  (a) a closed round of 2,000 sampled places x 30 criteria (60,000 observations, 2,000 place scores) in
#      Zhaoqing's eight counties: GET /api/v1/assessment/rounds/{id}/scores (the city's rate, the counties'
#      ranking, rates by place type, fixed since) by a city office's staff session; goal p95 < 100 ms.
#      Also the full scores page (which adds the most failed criteria, counted from the observations).
#  (b) 100 inspectors submitting observations at once: PUT
#      /api/v1/assessment/inspect/rounds/{round}/places/{place}/observations (a batch of the place's 30
#      criteria, a fresh Idempotency-Key each) by 100 inspectors' sessions, 100 connections; goal p99 < 100 ms.
#      Skipped (with a message) when the observation API is not in this build.
# The framework, places, rounds, teams and observations are inserted with psql on the packaged jar's
# embedded database. Needs: wrk, psql, python3.
# Usage: bench/assessment.sh [seconds per run, default 20] [connections for (a), default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-32}
INSPECTORS=100
THREADS=2
. bench/lib.sh
start_server "${PORT:-18730}" "${PG_PORT:-18731}"
STAFF_PASSWORD="Bench-staff-$(date +%s)"
create_city_staff "$ADMIN_PASSWORD" "$STAFF_PASSWORD"

$SQL <<'SQL'
-- a published framework: 30 criteria for each of the 14 place types (a third of each rule)
insert into assessment_framework (name, version, status, created_by, created_at)
  values ('压测测评体系', 1, 'DRAFT', 'bench', now());
insert into assessment_item (framework_id, code, name, position)
  select f.id, 'I' || i, '测评项目' || i, i from assessment_framework f, generate_series(1, 6) i where f.name = '压测测评体系';
insert into assessment_criterion (framework_id, item_id, place_type, code, text, full_marks, rule, deduction, target,
    case_category, position)
  select f.id, it.id, t.type, t.type || '-' || c, '压测标准' || c, 4,
         case c % 3 when 0 then 'PASS_FAIL' when 1 then 'DEDUCTION' else 'COUNT_TARGET' end,
         case c % 3 when 0 then null else 1 end, case c % 3 when 2 then 3 end, 'SANITATION', c
  from assessment_framework f
  cross join unnest(array['MAIN_ROAD','COMMERCIAL_STREET','BACK_ALLEY','RESIDENTIAL_COMPOUND','MARKET','PARK_SQUARE',
      'BUS_STOP','HOSPITAL','SCHOOL_SURROUNDINGS','SERVICE_WINDOW','STATION','CULTURAL_FACILITY','CONSTRUCTION_SITE',
      'PRACTICE_STATION']) as t(type)
  cross join generate_series(1, 30) c
  join assessment_item it on it.framework_id = f.id and it.code = 'I' || (1 + c % 6)
  where f.name = '压测测评体系';
update assessment_framework set status = 'PUBLISHED', published_by = 'bench', published_at = now() where name = '压测测评体系';
-- 2,000 places spread over the villages of the eight counties, every type in every county
insert into assessment_place (place_type, name, address, region_code, region_path, latitude, longitude, created_by,
    created_at, updated_at)
  select (array['MAIN_ROAD','COMMERCIAL_STREET','BACK_ALLEY','RESIDENTIAL_COMPOUND','MARKET','PARK_SQUARE',
      'BUS_STOP','HOSPITAL','SCHOOL_SURROUNDINGS','SERVICE_WINDOW','STATION','CULTURAL_FACILITY','CONSTRUCTION_SITE',
      'PRACTICE_STATION'])[1 + i % 14], '压测点位' || i, '测试路' || i || '号', v.code, v.path, 23.05, 112.46, 'bench', now(), now()
  from generate_series(0, 1999) i
  cross join (select count(*) as total from region where level = 5 and path like '44.4412.%') t
  join (select code, path, row_number() over (order by code) - 1 as n from region
        where level = 5 and path like '44.4412.%') v on v.n = (i * 7919) % t.total;
-- (a) a closed round with every place sampled and observed (built open: a closed round refuses changes)
insert into assessment_round (name, region_code, region_path, framework_id, starts_on, ends_on, quota, status, seed,
    created_by, created_at)
  select '压测十一月测评', '4412', '44.4412.', id, current_date - 40, current_date - 35, 20, 'OPEN', 1, 'bench', now()
  from assessment_framework where name = '压测测评体系';
insert into assessment_team (round_id, name, home_county) select id, '压测组', null from assessment_round where name = '压测十一月测评';
insert into assessment_sample (round_id, place_id, county_code, place_type, draw_order, team_id)
  select r.id, p.id, split_part(p.region_path, '.', 3), p.place_type, row_number() over (order by p.id), t.id
  from assessment_round r join assessment_team t on t.round_id = r.id, assessment_place p where r.name = '压测十一月测评';
insert into assessment_observation (round_id, place_id, criterion_id, passed, shortfalls, counted, marks, full_marks,
    observed_by, observed_at, updated_at)
  select s.round_id, s.place_id, c.id,
         case when c.rule = 'PASS_FAIL' then (s.place_id + c.id) % 5 <> 0 end,
         case when c.rule = 'DEDUCTION' then ((s.place_id * c.id) % 4)::int end,
         case when c.rule = 'COUNT_TARGET' then ((s.place_id + 3 * c.id) % 5)::int end,
         case c.rule when 'PASS_FAIL' then case when (s.place_id + c.id) % 5 <> 0 then 4 else 0 end
                     when 'DEDUCTION' then greatest(0, 4 - (s.place_id * c.id) % 4)
                     else greatest(0, 4 - greatest(0, 3 - (s.place_id + 3 * c.id) % 5)) end,
         4, 1, now(), now()
  from assessment_sample s join assessment_round r on r.id = s.round_id
  join assessment_criterion c on c.framework_id = r.framework_id and c.place_type = s.place_type
  where r.name = '压测十一月测评';
insert into assessment_place_score (round_id, place_id, marks, possible, observed, criteria)
  select o.round_id, o.place_id, sum(o.marks), sum(o.full_marks), count(*), count(*)
  from assessment_observation o join assessment_round r on r.id = o.round_id where r.name = '压测十一月测评'
  group by o.round_id, o.place_id;
update assessment_round set status = 'CLOSED', closed_by = 'bench', closed_at = now() where name = '压测十一月测评';
analyze;
SQL
ROUND=$($SQL -t -A -c "select id from assessment_round where name = '压测十一月测评'")
echo "round $ROUND: $($SQL -t -A -c "select count(*) from assessment_sample where round_id = $ROUND") places, $($SQL -t -A -c "select count(*) from assessment_observation where round_id = $ROUND") observations, $($SQL -t -A -c "select count(distinct county_code) from assessment_sample where round_id = $ROUND") counties"

COOKIE="WENMING_SESSION=$(session "$WORK/staff.jar")"
SCORES="$BASE/api/v1/assessment/rounds/$ROUND/scores"
PAGE="$BASE/admin/assessment/rounds/$ROUND/scores"
curl -sf -H "Cookie: $COOKIE" "$SCORES" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("city rate", d["total"]["rate"], "% of", d["total"]["places"], "places; ranking:",
      ", ".join("%d. %s %s%%" % (c["rank"], c["name"], c["rate"]) for c in d["children"]))'
curl -sf -o /dev/null -H "Cookie: $COOKIE" "$PAGE" || { echo "the scores page did not answer"; exit 1; }

export WRK_THREADS=$THREADS
WARMUP=${WARMUP:-20}
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
if [ -z "${ONLY_B:-}" ]; then
wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -H "Cookie: $COOKIE" "$SCORES" > /dev/null
wrk -t$THREADS -c$CONNECTIONS -d5s -H "Cookie: $COOKIE" "$PAGE" > /dev/null
wrk -t$THREADS -c$CONNECTIONS -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
scores=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua -H "Cookie: $COOKIE" "$SCORES" | tail -1)
page=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua -H "Cookie: $COOKIE" "$PAGE" | tail -1)
scores1=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua -H "Cookie: $COOKIE" "$SCORES" | tail -1)
baseline1=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)

echo "| request | connections | latency (ms), throughput |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | $CONNECTIONS | $baseline |"
echo "| (a) GET /api/v1/assessment/rounds/{id}/scores (2,000 places x 30 criteria) | $CONNECTIONS | $scores |"
echo "| (a) GET /admin/assessment/rounds/{id}/scores (the page, with the most failed criteria) | $CONNECTIONS | $page |"
echo "| baseline /actuator/health/liveness | 1 | $baseline1 |"
echo "| (a) GET /api/v1/assessment/rounds/{id}/scores | 1 | $scores1 |"
awk -v a="$(field "$scores" rps)" -v b="$(field "$baseline" rps)" -v c="$(field "$scores" p95)" -v d="$(field "$baseline" p95)" \
  'BEGIN { printf "(a) scores / baseline: throughput ratio %.2f, p95 ratio %.1f\n", a / b, c / d }'
fi

# (b) 100 inspectors at once, on a round open today, each in a team assigned 20 places
$SQL <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  select 'bench-insp-' || i, '测评员' || i, '{noop}Bench-inspector-2026', '4412' from generate_series(1, $INSPECTORS) i;
insert into user_role (user_id, role) select id, 'INSPECTOR' from app_user where username like 'bench-insp-%';
insert into assessment_round (name, region_code, region_path, framework_id, starts_on, ends_on, quota, status, seed,
    created_by, created_at, drawn_by, drawn_at, opened_at)
  select '压测十二月测评', '4412', '44.4412.', id, current_date - 1, current_date + 10, 20, 'OPEN', 2, 'bench', now(),
         'bench', now(), now() from assessment_framework where name = '压测测评体系';
insert into assessment_team (round_id, name, home_county)
  select r.id, '压测组' || i, null from assessment_round r, generate_series(1, $INSPECTORS) i where r.name = '压测十二月测评';
insert into assessment_team_member (team_id, user_id)
  select t.id, u.id from assessment_team t join assessment_round r on r.id = t.round_id
  join app_user u on u.username = 'bench-insp-' || substr(t.name, 4)
  where r.name = '压测十二月测评';
insert into assessment_sample (round_id, place_id, county_code, place_type, draw_order, team_id)
  select r.id, p.id, split_part(p.region_path, '.', 3), p.place_type, p.n, t.id
  from assessment_round r
  join (select id, region_path, place_type, row_number() over (order by id) as n from assessment_place
        where name like '压测点位%') p on true
  join assessment_team t on t.round_id = r.id and t.name = '压测组' || (1 + (p.n - 1) % $INSPECTORS)
  where r.name = '压测十二月测评';
analyze;
SQL
OPEN_ROUND=$($SQL -t -A -c "select id from assessment_round where name = '压测十二月测评'")
# one line per (inspector, place): "cookie csrf placeId body", the body the place's 30 criteria
$SQL -t -A -F' ' -c "
  select u.username, s.place_id, string_agg(c.id || ':' || c.rule, ',' order by c.position)
  from assessment_sample s join assessment_team_member m on m.team_id = s.team_id join app_user u on u.id = m.user_id
  join assessment_criterion c on c.framework_id = (select framework_id from assessment_round where id = $OPEN_ROUND)
       and c.place_type = s.place_type
  where s.round_id = $OPEN_ROUND group by u.username, s.place_id order by s.place_id" > "$WORK/places.txt"
# the bodies: every place's 30 criteria, one python run
python3 - "$WORK/places.txt" > "$WORK/bodies.txt" <<'PY'
import json, sys, datetime
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
for line in open(sys.argv[1]):
    user, place, criteria = line.split()
    entries = []
    for i, c in enumerate(criteria.split(",")):
        cid, rule = c.split(":")
        e = {"criterionId": int(cid)}
        if rule == "PASS_FAIL": e["passed"] = i % 4 != 0
        elif rule == "DEDUCTION": e["shortfalls"] = i % 3
        else: e["counted"] = i % 5
        if i % 4 == 0: e["note"] = "压测备注"
        entries.append(e)
    body = {"observedAt": now, "latitude": 23.05, "longitude": 112.46, "entries": entries}
    print(user, place, json.dumps(body, separators=(",", ":"), ensure_ascii=False))
PY
# one inspector first: is the observation API in this build?
login "$WORK/insp1.jar" bench-insp-1 Bench-inspector-2026
read -r u1 p1 b1 <<< "$(grep '^bench-insp-1 ' "$WORK/bodies.txt" | head -1)"
probe=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -X PUT -H "Cookie: WENMING_SESSION=$(session "$WORK/insp1.jar")" \
  -H "X-CSRF-TOKEN: $(csrf "$WORK/insp1.jar")" -H "Idempotency-Key: bench-probe-0001" -H 'Content-Type: application/json' \
  --data-binary "$b1" "$BASE/api/v1/assessment/inspect/rounds/$OPEN_ROUND/places/$p1/observations")
if [ "$probe" != "200" ] && [ "$probe" != "201" ]; then
  echo "(b) skipped: the observation API answered $probe ($(head -c 300 "$WORK/probe.json")); it is not in this build"
  exit 0
fi
declare -A SESSIONS
for i in $(seq 1 $INSPECTORS); do
  jar="$WORK/insp$i.jar"
  [ -f "$jar" ] || login "$jar" "bench-insp-$i" Bench-inspector-2026
  SESSIONS[bench-insp-$i]="$(session "$jar") $(csrf "$jar")"
done
while read -r user place body; do
  echo "${SESSIONS[$user]} $place $body"
done < "$WORK/bodies.txt" > "$WORK/submissions.txt"
export ROUND_ID=$OPEN_ROUND
SUBMIT_OFFSET=0 wrk -t$THREADS -c$INSPECTORS -d${WARMUP}s -s bench/assessment-submit.lua "$BASE" > /dev/null
wrk -t$THREADS -c$INSPECTORS -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline100=$(wrk -t$THREADS -c$INSPECTORS -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
submit=$(SUBMIT_OFFSET=1000000 wrk -t$THREADS -c$INSPECTORS -d${SECONDS_PER_RUN}s -s bench/assessment-submit.lua "$BASE" | tail -1)
echo "| baseline /actuator/health/liveness | $INSPECTORS | $baseline100 |"
echo "| (b) PUT …/observations (30 criteria, new key each) | $INSPECTORS | $submit |"
echo "observations: $($SQL -t -A -c "select count(*) from assessment_observation where round_id = $OPEN_ROUND"), submissions: $($SQL -t -A -c "select count(*) from assessment_submission where round_id = $OPEN_ROUND")"
awk -v a="$(field "$submit" rps)" -v b="$(field "$baseline100" rps)" -v c="$(field "$submit" p99)" -v d="$(field "$baseline100" p99)" \
  'BEGIN { printf "(b) submissions / baseline: throughput ratio %.2f, p99 ratio %.1f\n", a / b, c / d }'

# (b) as people make it: all 100 press "submit" in the same instant, 30 times a second apart (the
# liveness probe sent the same way is the baseline); then 100 inspectors working through their places,
# each submitting a checklist every 1–5 s. Every request a new Idempotency-Key.
BURSTS=${BURSTS:-30}
java bench/AssessmentInspectors.java "$BASE" "$OPEN_ROUND" "$WORK/submissions.txt" probe 3 > /dev/null
probe_burst=$(java bench/AssessmentInspectors.java "$BASE" "$OPEN_ROUND" "$WORK/submissions.txt" probe "$BURSTS")
burst=$(java bench/AssessmentInspectors.java "$BASE" "$OPEN_ROUND" "$WORK/submissions.txt" burst "$BURSTS")
paced=$(java bench/AssessmentInspectors.java "$BASE" "$OPEN_ROUND" "$WORK/submissions.txt" paced "$SECONDS_PER_RUN" 5)
echo "| baseline /actuator/health/liveness, 100 at the same instant x $BURSTS | 100 | $probe_burst |"
echo "| (b) PUT …/observations, 100 inspectors at the same instant x $BURSTS | 100 | $burst |"
echo "| (b) PUT …/observations, 100 inspectors each every 1–5 s | 100 | $paced |"
awk -v c="$(field "$burst" p99)" -v d="$(field "$probe_burst" p99)" \
  'BEGIN { printf "(b) burst / baseline burst: p99 ratio %.1f\n", c / d }'
if [ -n "${HOLD:-}" ]; then
  echo "holding the server at $BASE (database: $SQL); stop with Ctrl-C"
  wait $PID
fi
