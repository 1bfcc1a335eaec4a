#!/usr/bin/env bash
# Rectification statistics on a city of CASES cases (default 100,000): a fresh server, the cases
# inserted with psql (a realistic mix of sources, statuses, the nine categories, the towns and
# villages of Zhaoqing 4412, 20 responsible units, reports spread over the last 365 days), their
# statistics cells rebuilt by `java -jar wenming.jar casework statistics-rebuild` against the
# server's database (then `statistics-check`), a city staff member signed in, then GET /admin/casework/statistics (the page, this year's figures of the
# whole city by district, category and unit) and GET /api/v1/casework/statistics (the same as JSON)
# measured with wrk against the same server's /actuator/health/liveness in the same run, one
# connection at a time (per-request latency) and at 4 connections. Prints p50/p95/p99 and the ratios.
# Needs: wrk, psql. Usage: bench/casework-stats.sh [cases, default 100000] [seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-100000}
SECONDS_PER_RUN=${2:-20}
PG_PORT=${PG_PORT:-28474}
. bench/lib.sh
start_server "${PORT:-28460}" "$PG_PORT"
started=$(date +%s.%N)
$SQL <<SQL
-- a city bureau and two utilities, and each district's urban-management bureau and a street office
insert into responsible_unit (name, kind, region_code, region_path, updated_by)
  select '压测' || n, k, '4412', '44.4412.', 'bench'
  from (values ('肇庆市城市管理和综合执法局', 'BUREAU'), ('肇庆供电局', 'UTILITY'), ('肇庆电信分公司', 'UTILITY'),
               ('肇庆市住房和城乡建设局', 'BUREAU')) u(n, k);
insert into responsible_unit (name, kind, region_code, region_path, updated_by)
  select '压测' || r.name || s.suffix, s.kind, r.code, r.path, 'bench'
  from region r, (values ('城市管理和综合执法局', 'BUREAU'), ('街道办事处', 'STREET_OFFICE')) s(suffix, kind)
  where r.parent_code = '4412';
with places as (select array_agg(code order by code) as codes, array_agg(path order by code) as paths
                from region where level >= 4 and path like '44.4412.%'),
     categories as (select array_agg(code order by code) as codes, array_agg(deadline_amount * case deadline_unit
                        when 'WORKING_DAYS' then 1.4 else 0.125 end order by code) as days
                    from case_category where deadline_unit is not null),
     units as (select array_agg(id order by id) as ids from responsible_unit where updated_by = 'bench'),
     g as (select i, now() - random() * interval '365 days' as reported, random() as r, random() as t,
                  floor(random() * 1000000)::int as pick from generate_series(1, $CASES) i),
     s as (select g.*, case when r < 0.70 then 'CLOSED' when r < 0.75 then 'FIX_SUBMITTED' when r < 0.80 then 'IN_PROGRESS'
                             when r < 0.85 then 'DISPATCHED' when r < 0.88 then 'REGISTERED' when r < 0.93 then 'REPORTED'
                             when r < 0.98 then 'REJECTED' else 'SUSPENDED' end as status from g),
     d as (select s.*, c.codes[1 + pick % cardinality(c.codes)] as category,
                  c.days[1 + pick % cardinality(c.codes)] * interval '1 day' as allowed,
                  p.codes[1 + pick % cardinality(p.codes)] as region_code, p.paths[1 + pick % cardinality(p.codes)] as region_path,
                  u.ids[1 + (pick / 7) % cardinality(u.ids)] as unit_id
           from s, categories c, places p, units u)
insert into rectification_case (case_number, source, category_code, status, description, region_code, region_path,
    reported_at, reported_by, registered_at, unit_id, dispatched_at, due_at, fix_submitted_at, closed_at, closed_on_time,
    rework_count, updated_at)
select 'B' || lpad(i::text, 12, '0'), (array['PATROL', 'CITIZEN', 'HOTLINE', 'STAFF', 'OPEN311'])[1 + i % 5], category,
       status, '压测问题 ' || i, region_code, region_path, reported, 'bench',
       case when status not in ('REPORTED', 'REJECTED') then reported + interval '2 hours' end,
       case when status not in ('REPORTED', 'REJECTED', 'REGISTERED') then unit_id end,
       case when status not in ('REPORTED', 'REJECTED', 'REGISTERED') then reported + interval '4 hours' end,
       case when status not in ('REPORTED', 'REJECTED', 'REGISTERED') then reported + interval '4 hours' + allowed end,
       case when status in ('FIX_SUBMITTED', 'CLOSED') then least(now(), reported + t * 1.3 * allowed) end,
       case when status = 'CLOSED' then least(now(), reported + interval '4 hours' + t * 1.3 * allowed) end,
       case when status = 'CLOSED' then least(now(), reported + interval '4 hours' + t * 1.3 * allowed)
                                         <= reported + interval '4 hours' + allowed end,
       case when status in ('FIX_SUBMITTED', 'CLOSED') and i % 9 = 0 then 1 else 0 end, now()
from d;
analyze;
SQL
echo "inserted $($SQL -t -A -c 'select count(*) from rectification_case') cases in $(echo "$(date +%s.%N) - $started" | bc) s"
$SQL -t -A -c "select status, count(*) from rectification_case group by status order by 2 desc" | tr '\n' ' '; echo

# the cases went in with SQL, past the workflow: their statistics cells are recounted, as a bulk load must
# (next to the running server, as with an external database: the server's own keys are handed over)
key() { grep "^$2=" "$WORK/data/keys/$1.properties" | cut -d= -f2- | sed 's/\\=/=/g'; }
cells() {
  WENMING_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" WENMING_DB_USER=postgres WENMING_DB_PASSWORD=postgres \
    java -jar target/wenming.jar casework "$1" --wenming.checkin.secret="$(key checkin secret)" --wenming.honor.notice.secret="$(key honor-notice secret)" \
      --wenming.personal-data.keys.k1="$(key personal-data keys.k1)" --wenming.personal-data.active-key=k1 \
      --wenming.personal-data.hash-key="$(key personal-data hash-key)" --wenming.ledger.signing.key-file="$WORK/data/keys/ledger-signing.key" 2>&1 | grep -v '^\s*$' | tail -5
}
cells statistics-rebuild
$SQL -q -c "analyze case_statistics_cell"
echo "cells: $($SQL -t -A -c "select string_agg(grain || ' ' || n, ', ' order by grain) from (select grain, count(*) n from case_statistics_cell group by grain) g")"
started=$(date +%s.%N)
cells statistics-check
echo "check took $(echo "$(date +%s.%N) - $started" | bc) s (with the JVM's start)"
# parts of a request timed alone (this year, the whole city): the cases due from now on (neither due
# yet nor overdue), open overdue cases counted the old way (for comparison), and the cells one table reads
$SQL <<'TIMING'
\timing on
select count(*) as due_from_now from rectification_case c where c.due_at >= now() and c.region_path >= '44.4412.' and c.region_path < '44.4412/';
select count(*) as open_overdue from rectification_case where status in ('REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'FIX_SUBMITTED') and due_at < now();
-- and the cells the table by unit reads for this year (all categories, each unit), then its open cells
select count(*) as year_unit_cells, sum(found) from case_statistics_cell
 where grain = 'YEAR' and bucket = cast(date_trunc('year', now()) as date) and category_code = '*' and unit_id <> -1;
select count(*) as open_unit_cells, sum(open_due) from case_statistics_cell
 where grain = 'YEAR' and open_due <> 0 and category_code = '*' and unit_id <> -1;
TIMING

STAFF_PASSWORD="City-staff-2026"
create_city_staff "$ADMIN_PASSWORD" "$STAFF_PASSWORD"
SESSION=$(session "$WORK/staff.jar")
PAGE="$BASE/admin/casework/statistics"
API="$BASE/api/v1/casework/statistics"
status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: WENMING_SESSION=$SESSION" "$PAGE")
[ "$status" = 200 ] || { echo "the statistics page answered $status"; tail -20 "$WORK/server.log"; exit 1; }
curl -s -H "Cookie: WENMING_SESSION=$SESSION" "$API" > "$WORK/stats.json"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["total"]; print("this year, city: found", t["found"], "closed", t["closed"], "completion", t["completionRate"], "% on time", t["onTimeRate"], "% overdue now", t["overdueNow"])' "$WORK/stats.json"

# warm-up, then the measured runs (one connection: per-request latency; four: under some concurrency)
wrk -t1 -c1 -d5s -H "Cookie: WENMING_SESSION=$SESSION" "$PAGE" > /dev/null
wrk -t1 -c1 -d5s -H "Cookie: WENMING_SESSION=$SESSION" "$API" > /dev/null
wrk -t1 -c1 -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1)
page=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$PAGE" | tail -1)
json=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$API" | tail -1)
baseline4=$(wrk -t2 -c4 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1)
page4=$(wrk -t2 -c4 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$PAGE" | tail -1)
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }

echo "| request ($CASES cases) | connections | latency (ms) |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | 1 | $baseline |"
echo "| GET /admin/casework/statistics (page) | 1 | $page |"
echo "| GET /api/v1/casework/statistics (JSON) | 1 | $json |"
echo "| baseline /actuator/health/liveness | 4 | $baseline4 |"
echo "| GET /admin/casework/statistics (page) | 4 | $page4 |"
awk -v a="$(field "$page" p95)" -v b="$(field "$json" p95)" -v c="$(field "$baseline" p95)" -v d="$(field "$page4" p95)" \
  -v e="$(field "$baseline4" p95)" 'BEGIN { printf "p95 ratio to the baseline, 1 connection: page %.1f, JSON %.1f; 4 connections: page %.1f (goal: page p95 under 200 ms)\n", a / c, b / c, d / e }'
