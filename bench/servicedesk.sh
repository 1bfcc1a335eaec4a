#!/usr/bin/env bash
# The service desk under load (issue 17), each beside the liveness probe in the same run:
#  (a) ordering: POST /api/v1/service/orders by 200 signed-in residents (accounts inserted with psql),
#      50 concurrent clients, each request a new order of a village of 端州区 (goal p99 < 100 ms);
#  (b) with ORDERS orders in the database (default 100,000, generated with SQL over the city's villages
#      and the last twelve months, at every stage, with ratings), a station's queue
#      (GET /api/v1/service/queue by the station's staff) and the statistics JSON
#      (GET /api/v1/service/statistics, the city's year, by city staff), goal p95 < 50 ms.
# Needs: wrk, psql. Usage: bench/servicedesk.sh [seconds, default 15] [orders, default 100000]
# PORT/PG_PORT choose the server's ports (default 18701/18702); SKIP_ORDERING=1 runs (b) only; PACE_MS
# (default 500) is the paced ordering run's wait between a client's orders. Note the
# machine's load average. The runs at 4 connections also give the server's CPU time per request (JVM and
# PostgreSQL, from /proc): on a shared machine the latencies move with the load, the CPU per request does
# not. The statistics read maintained cells (V50): the bulk insert of (b) goes through their triggers like
# any write, then one fold moves the deltas into the cells (timed below).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
ORDERS=${2:-100000}
CONNECTIONS=50
THREADS=2
RESIDENTS=200
. bench/lib.sh
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start_server "${PORT:-18701}" "${PG_PORT:-18702}"

placed=skipped; ordering=skipped; baseline=skipped; paced=skipped
if [ "${SKIP_ORDERING:-0}" != 1 ]; then
# ---- (a) ordering --------------------------------------------------------------------------------
$SQL <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  select 'bench-res-' || i, '居民' || i, '{noop}Bench-resident-2026', '441202' from generate_series(1, $RESIDENTS) i;
insert into user_role (user_id, role) select id, 'CITIZEN' from app_user where username like 'bench-res-%';
SQL
$SQL -t -A -c "select r.code from region r join published_practice_site s on s.region_code = r.code and s.kind = 'STATION'
  where r.path like '44.4412.441202.%' and length(r.code) = 12 order by r.code limit 50" > "$WORK/villages.txt"
echo "residents: $RESIDENTS, villages with a station: $(wc -l < "$WORK/villages.txt")"
: > "$WORK/sessions.txt"
for i in $(seq 1 $RESIDENTS); do
  jar="$WORK/res$i.jar"
  login "$jar" "bench-res-$i" Bench-resident-2026
  echo "$(session "$jar") $(csrf "$jar")" >> "$WORK/sessions.txt"
done
first=$(head -1 "$WORK/sessions.txt")
probe=$(curl -s -H "Cookie: WENMING_SESSION=${first%% *}" -H "X-CSRF-TOKEN: ${first#* }" -H 'Content-Type: application/json' \
  -d "{\"category\":\"HOME_VISIT\",\"what\":\"压测\",\"regionCode\":\"$(head -1 "$WORK/villages.txt")\",\"contactName\":\"压测居民\",\"contactMobile\":\"13800000000\"}" \
  "$BASE/api/v1/service/orders")
echo "one order: $probe"
echo "$probe" | grep -q orderNumber || { echo "ordering did not work"; exit 1; }
export WRK_THREADS=$THREADS
wrk -t$THREADS -c$CONNECTIONS -d10s --timeout 10s -s bench/servicedesk-order.lua "$BASE" > /dev/null
wrk -t$THREADS -c$CONNECTIONS -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s -s bench/throughput.lua "$BASE/actuator/health/liveness" | tail -1)
ordering=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --timeout 10s -s bench/servicedesk-order.lua "$BASE" | tail -1)
# the same clients at a steady rate: each waits PACE_MS (± half) between its orders (50 clients at 500 ms:
# about 100 orders a second, half what the unpaced run took on the quiet 2-core machine)
PACE=${PACE_MS:-500}
paced=$(PACE_MS=$PACE wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --timeout 10s -s bench/servicedesk-order.lua "$BASE" | tail -1)
placed=$($SQL -t -A -c "select count(*) from service_order")
echo "ordering, $CONNECTIONS connections: $ordering (liveness: $baseline); orders placed: $placed"
echo "ordering, $CONNECTIONS connections each waiting ${PACE} ms ± half between orders: $paced"
echo "load average after ordering: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# ---- (b) 100,000 orders: a station's queue and the statistics -------------------------------------
$SQL <<SQL
create temporary table bench_village as
  select r.code, r.path, s.id as site_id, row_number() over (order by r.code) as n
  from region r join published_practice_site s on s.region_code = r.code and s.kind = 'STATION'
  where r.path like '44.4412.%' and length(r.code) = 12;
insert into service_order (order_number, category, what, region_code, region_path, contact_name, contact_cipher,
    contact_masked, contact_key_id, channel, follow_token_hash, status, site_id, received_at, accepted_at,
    dispatched_at, served_at, closed_at, accept_due, serve_due)
select 'SD-B-' || lpad(g.i::text, 8, '0'),
    (array['HOME_VISIT','DAILY_CARE','SMALL_REPAIR','LEGAL_ADVICE','HEALTH','LECTURE','CULTURE','MARKET_DAY','STUDY_AID','ENVIRONMENT','WISH'])[1 + g.i % 11],
    '压测点单', v.code, v.path, '压测居民', '\x00'::bytea, '138****0000', 'k1', 'WEB',
    sha256(('bench-' || g.i)::bytea), st.status, v.site_id, g.received,
    case when st.status not in ('RECEIVED', 'DECLINED', 'CANCELLED') then g.received + interval '5 hours' end,
    case when st.status in ('DISPATCHED', 'HANDED_BACK', 'SERVED', 'RATED', 'UNRATED') then g.received + interval '8 hours' end,
    case when st.status in ('SERVED', 'RATED', 'UNRATED') then g.received + interval '3 days' end,
    case when st.status in ('RATED', 'UNRATED', 'DECLINED', 'CANCELLED') then g.received + interval '5 days' end,
    g.received + interval '1 day', g.received + interval '10 days'
from (select i, now() - (i % 360) * interval '1 day' - (i % 600) * interval '1 minute' as received
      from generate_series(1, $ORDERS) i) g
join bench_village v on v.n = 1 + (g.i * 7) % (select count(*) from bench_village)
cross join lateral (select (array['RATED','RATED','RATED','RATED','RATED','RATED','UNRATED','SERVED','DISPATCHED',
    'ACCEPTED','RECEIVED','DECLINED','CANCELLED','HANDED_BACK','RATED','RATED'])[1 + (g.i / 3) % 16] as status) st;
insert into service_rating (order_id, stars, rated_at)
  select id, case when id % 10 = 0 then 2 when id % 10 < 4 then 4 else 5 end, closed_at
  from service_order where status = 'RATED' and order_number like 'SD-B-%';
SQL
echo "deltas appended by the triggers: $($SQL -t -A -c 'select count(*) from service_stat_delta')"
t0=$(date +%s%N)
echo "folded: $($SQL -t -A -c 'select service_stat_fold()') deltas in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
$SQL -c "vacuum analyze"
echo "cells: $($SQL -t -A -c "select string_agg(dim || ' ' || n, ', ') from (select dim, count(*) n from service_stat_cell group by dim order by dim) c"); \
stage cells: $($SQL -t -A -c 'select count(*) from service_stat_stage_cell')"
year=$($SQL -t -A -c "select extract(year from now() at time zone 'Asia/Shanghai')::int")
echo "cells the city's year reads: $($SQL -t -A -c "select count(*) from service_stat_cell where county_path >= '44.4412.' and county_path < '44.4412/'
  and (period = '$year' or (dim = '-' and period like '$year-%'))") counts, \
$($SQL -t -A -c "select count(*) from service_stat_stage_cell where county_path >= '44.4412.' and county_path < '44.4412/' and period = '$year'") histogram buckets"

echo "orders: $($SQL -t -A -c 'select count(*) from service_order'), ratings: $($SQL -t -A -c 'select count(*) from service_rating')"
# the busiest station's staff, and city staff
village=$($SQL -t -A -c "select o.region_code from service_order o join published_practice_site s on s.id = o.site_id and s.kind = 'STATION'
  where o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK', 'ACCEPTED', 'DISPATCHED')
  group by o.region_code order by count(*) desc limit 1")
$SQL <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  values ('bench-station', '站点管理员', '{noop}Bench-station-2026', '$village');
insert into user_role (user_id, role) select id, 'SITE_ADMIN' from app_user where username = 'bench-station';
insert into app_user (username, display_name, password_hash, region_code)
  values ('bench-city', '肇庆市文明办', '{noop}Bench-city-2026', '4412');
insert into user_role (user_id, role) select id, 'OFFICE_STAFF' from app_user where username = 'bench-city';
SQL
login "$WORK/station.jar" bench-station Bench-station-2026
login "$WORK/staff.jar" bench-city Bench-city-2026
station_cookie="Cookie: WENMING_SESSION=$(session "$WORK/station.jar")"
city_cookie="Cookie: WENMING_SESSION=$(session "$WORK/staff.jar")"
echo "the station's queue: $(curl -s -H "$station_cookie" "$BASE/api/v1/service/queue" | grep -o '"orderNumber"' | wc -l) orders shown (village $village)"
curl -s -H "$city_cookie" "$BASE/api/v1/service/statistics" > "$WORK/statistics.json"
echo "the city's statistics: $(cut -c1-400 "$WORK/statistics.json")"
echo "the city's JSON: $(wc -c < "$WORK/statistics.json") bytes, $(grep -o '"key"' "$WORK/statistics.json" | wc -l) lines; \
one request: $(curl -s -o /dev/null -w '%{time_total}' -H "$city_cookie" "$BASE/api/v1/service/statistics") s"
echo "the cells' counts read (the city's year), as StatisticsCells runs it:"
$SQL -c "explain (analyze, timing off) select period, county_path, dim, dim_key, sum(orders), sum(served), sum(rated), sum(stars_sum) from (
    select period, county_path, dim, dim_key, orders, served, rated, stars_sum from service_stat_cell
    where period = any(array['$year', '$year-01', '$year-02', '$year-03', '$year-04', '$year-05', '$year-06', '$year-07',
        '$year-08', '$year-09', '$year-10', '$year-11', '$year-12']) and county_path >= '44.4412.' and county_path < '44.4412/'
        and (period = '$year' or dim = '-')
    union all
    select m.period, d.county_path, x.dim, x.dim_key, d.orders, d.served, d.rated, d.stars_sum from service_stat_delta d
    cross join lateral (values (d.month), (left(d.month, 4))) m(period)
    cross join lateral (values ('-', ''), ('C', d.category), ('S', d.site_id::text)) x(dim, dim_key)
    where d.county_path >= '44.4412.' and d.county_path < '44.4412/') c
  group by 1, 2, 3, 4" | grep -E "Aggregate|Scan|Append|Execution"
echo "the old one-pass count over the orders (kept for towns, villages and part-month periods):"
$SQL -c "explain (analyze, timing off) select count(*) from service_order o left join service_rating r on r.order_id = o.id
  where o.region_path >= '44.4412.' and o.region_path < '44.4412/' and o.received_at >= date_trunc('year', now())" | grep -E "Execution"
echo "queue SQL plan:"
path=$($SQL -t -A -c "select path from region where code = '$village'")
$SQL -c "explain (analyze, buffers, timing off) select o.id from service_order o join published_practice_site s on s.id = o.site_id
  where s.region_path >= '$path' and s.region_path < '${path%.}/'
  and o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK', 'ACCEPTED', 'DISPATCHED')
  order by o.accept_due limit 200" | grep -E "Scan|Execution"
for url in /api/v1/service/queue "/api/v1/service/statistics"; do
  wrk -t1 -c4 -d5s -H "$station_cookie" "$BASE$url" > /dev/null
done
wrk -t1 -c4 -d5s -H "$city_cookie" "$BASE/api/v1/service/statistics" > /dev/null
login "$WORK/admin.jar" admin "$ADMIN_PASSWORD"
admin_cookie="Cookie: WENMING_SESSION=$(session "$WORK/admin.jar")"
# how the statistics' answers were made so far: kept (the version unchanged) or counted from the cells
answers() {
  curl -s -H "$admin_cookie" "$BASE/actuator/prometheus" | awk '/^wenming_servicedesk_statistics_reports_total/ {
    match($0, /answer="[a-z]+"/); a = substr($0, RSTART + 8, RLENGTH - 9); n[a] = $NF }
    END { printf "kept=%d counted=%d", n["kept"], n["counted"] }'
}
answers_before=$(answers)
baseline4=$(measure liveness -t$THREADS -c4 -d${SECONDS_PER_RUN}s "$BASE/actuator/health/liveness")
queue=$(measure queue -t$THREADS -c4 -d${SECONDS_PER_RUN}s -H "$station_cookie" "$BASE/api/v1/service/queue")
a0=$(answers)
stats=$(measure city -t$THREADS -c4 -d${SECONDS_PER_RUN}s -H "$city_cookie" "$BASE/api/v1/service/statistics")
a1=$(answers)
county=$(measure county -t$THREADS -c4 -d${SECONDS_PER_RUN}s -H "$city_cookie" "$BASE/api/v1/service/statistics?region=441202")
# the same city request with its version moving every 2 ms (V57's generation, one backend committing in a
# loop; its CPU counts in the run's): most answers are counted anew, as without kept reports — the baseline
# of the kept ones; the kept and counted answers of each run are printed. Zhaoqing's 100,000 orders a year
# are one order per five minutes on average, and a fold every 30 s.
$SQL -q -c "do \$\$ begin for i in 1..$((SECONDS_PER_RUN * 500 + 5000)) loop
  update service_stat_generation set n = n + 1; commit; perform pg_sleep(0.002); end loop; end \$\$" > /dev/null 2>&1 &
mover=$!
sleep 1
a2=$(answers)
counted=$(measure city-counted -t$THREADS -c4 -d${SECONDS_PER_RUN}s -H "$city_cookie" "$BASE/api/v1/service/statistics")
a3=$(answers)
kill $mover 2>/dev/null || true
$SQL -q -c "select pg_cancel_backend(pid) from pg_stat_activity where query like 'do %service_stat_generation%' and pid <> pg_backend_pid()" > /dev/null

echo "queue: $queue"; echo "statistics (city): $stats"; echo "statistics (county): $county"; echo "statistics (city, counted anew): $counted"
echo "| request | connections | latency (ms), throughput |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | $CONNECTIONS | $baseline |"
echo "| POST /api/v1/service/orders (a new order each) | $CONNECTIONS | $ordering |"
echo "| the same, each client waiting ${PACE:-} ms ± half between orders | $CONNECTIONS | ${paced:-skipped} |"
echo "| baseline /actuator/health/liveness | 4 | $baseline4 |"
echo "| GET /api/v1/service/queue (a station's staff) | 4 | $queue |"
echo "| GET /api/v1/service/statistics (the city, this year) | 4 | $stats |"
echo "| GET /api/v1/service/statistics?region=441202 (a county) | 4 | $county |"
echo "| GET /api/v1/service/statistics, the version moved every 2 ms (counted anew) | 4 | $counted |"
echo "statistics answers (kept / counted, cumulative): before the city run $a0, after it $a1; before the moving-version run $a2, after it $a3"
echo "orders placed by the ordering runs: $placed; orders in the database for (b): $($SQL -t -A -c 'select count(*) from service_order')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
