#!/usr/bin/env bash
# Open311 under load: GET /open311/v2/requests.json (the default 90-day window, 1,000 requests per
# answer, no filter) on a database of CASES cases spread evenly over the last 365 days (so the
# window holds about a quarter of them, well over 1,000), against the same server's trivial
# endpoint (/actuator/health/liveness) in the same run. Cases are inserted with psql; a tenth are
# dispatched to a unit (so the answer's join to units does work) and a fifth closed.
# Needs: wrk, psql. Usage: bench/open311.sh [cases, default 100000] [seconds, default 20] [connections, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-100000}
SECONDS_PER_RUN=${2:-20}
CONNECTIONS=${3:-8}
THREADS=2
. bench/lib.sh
start_server "${PORT:-28425}" "${PG_PORT:-28439}"
$SQL <<SQL
insert into responsible_unit (name, kind, region_code, region_path, updated_by)
  values ('压测责任单位', 'BUREAU', '441202', '44.4412.441202.', 'bench');
insert into rectification_case (case_number, source, category_code, status, description, address, latitude, longitude,
    region_code, region_path, reporter_name, reporter_contact_masked, reported_at, reported_by, unit_id, dispatched_at,
    due_at, closed_at, updated_at)
select 'B-' || lpad(i::text, 8, '0'), 'CITIZEN', c.code,
    case when i % 5 = 0 then 'CLOSED' when i % 10 = 1 then 'DISPATCHED' else 'REPORTED' end,
    '压测问题描述：' || c.name_zh || ' 第' || i || '号', '端州区压测路' || (i % 500) || '号',
    23.0 + (i % 1000) / 10000.0, 112.4 + (i % 997) / 10000.0, '441202', '44.4412.441202.', '压测市民', '138****0000',
    now() - (i * (365.0 / $CASES)) * interval '1 day', 'citizen',
    case when i % 10 = 1 or i % 5 = 0 then (select id from responsible_unit where name = '压测责任单位') end,
    case when i % 10 = 1 or i % 5 = 0 then now() - (i * (365.0 / $CASES)) * interval '1 day' + interval '1 hour' end,
    case when i % 10 = 1 or i % 5 = 0 then now() - (i * (365.0 / $CASES)) * interval '1 day' + interval '10 days' end,
    case when i % 5 = 0 then now() - (i * (365.0 / $CASES)) * interval '1 day' + interval '5 days' end,
    now() - (i * (365.0 / $CASES)) * interval '1 day'
from generate_series(1, $CASES) i
join (select code, name_zh, row_number() over (order by code) - 1 as n from case_category where deadline_unit is not null) c
  on c.n = i % 9;
analyze;
SQL
echo "cases: $($SQL -t -A -c 'select count(*) from rectification_case'), in the 90-day window: $($SQL -t -A -c "select count(*) from rectification_case where reported_at >= now() - interval '90 days'")"
count=$(curl -s "$BASE/open311/v2/requests.json" | grep -o '"service_request_id"' | wc -l)
echo "one answer holds $count requests"
[ "$count" = 1000 ] || { echo "expected 1,000 requests in one answer"; exit 1; }
echo "the plan of the default search:"
$SQL -c "explain (analyze, buffers, costs off) select c.id, c.case_number, cat.name_zh, u.name, r.media_url,
  m.case_number, rej.reason from rectification_case c
  join case_category cat on cat.code = c.category_code left join responsible_unit u on u.id = c.unit_id
  left join open311_request r on r.case_id = c.id left join rectification_case m on m.id = c.merged_into_id
  left join lateral (select e.reason from case_event e where e.case_id = c.id and c.status = 'REJECTED'
    and e.to_status = 'REJECTED' order by e.id desc limit 1) rej on true
  where c.reported_at >= now() - interval '90 days' and c.reported_at < now()
  order by c.reported_at desc, c.id desc limit 1000" | grep -E "Limit|Scan|Join|Loop|Execution" | head -16

# warm-up (JIT), then the measured runs in the same server
wrk -t$THREADS -c$CONNECTIONS -d10s "$BASE/open311/v2/requests.json" > /dev/null
wrk -t$THREADS -c$CONNECTIONS -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
requests=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/open311/v2/requests.json" | tail -1)
single=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/open311/v2/requests.json" | tail -1)
baseline1=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }

echo "| request | connections | latency (ms), throughput |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | $CONNECTIONS | $baseline |"
echo "| GET /open311/v2/requests.json (1,000 of $CASES) | $CONNECTIONS | $requests |"
echo "| baseline /actuator/health/liveness | 1 | $baseline1 |"
echo "| GET /open311/v2/requests.json (1,000 of $CASES) | 1 | $single |"
awk -v a="$(field "$requests" rps)" -v b="$(field "$baseline" rps)" -v c="$(field "$requests" p95)" -v d="$(field "$baseline" p95)" \
  -v e="$(field "$single" p95)" \
  'BEGIN { printf "throughput ratio requests.json / baseline: %.3f; p95 ratio: %.1f; p95 with one connection: %s ms (goal < 100)\n", a / b, c / d, e }'
