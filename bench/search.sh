#!/usr/bin/env bash
# The search over everything public (issue 19) with DOCS public documents (default 100,000): a fresh server
# with the tiny demo city (its sites, teams, services, news and honours), topped up with published activities
# inserted by psql (titles and descriptions drawn from a pool of the city's kinds of activity and its
# towns' names), the server restarted on an emptied index so that its first fill tokenizes everything
# through the real SearchTokens, then measured with wrk beside /actuator/health/liveness in the same run:
#   GET /search?q=…          the page, results grouped by kind
#   GET /api/v1/search?q=…   the JSON
# over a list of queries from rare ("身份证", "马拉松") to very common ("文明实践", "志愿服务": a third of the
# documents and more), at 1 and 4 connections. Prints p50/p95/p99 and the p95 ratio to the liveness probe.
# Goal: p95 under 50 ms over 100,000 documents.
# HOLD=1 keeps the server running after the index is filled (for EXPLAIN and profiling) instead of measuring.
# Needs: wrk, psql. Usage: bench/search.sh [documents, default 100000] [seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-100000}
SECONDS_PER_RUN=${2:-20}
PG_PORT=${PG_PORT:-28575}
DEMO=${DEMO:-tiny}
. bench/lib.sh
start_server "${PORT:-28561}" "$PG_PORT"
echo "waiting for the demo city and the first fill of the index"
until grep -qa "Demo city ready" "$WORK/server.log" && grep -qaE "Search index (filled|refilled after the bulk load)" "$WORK/server.log"; do
  kill -0 $PID 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
  sleep 1
done
OTHERS=$($SQL -t -A -c "select count(*) from search_document where kind <> 'ACTIVITY'")
ACTIVITIES=$((DOCS - OTHERS))
started=$(date +%s.%N)
$SQL <<SQL
with towns as (select array_agg(name order by code) as names, array_agg(code order by code) as codes,
                      array_agg(path order by code) as paths
               from region where level = 4 and path like '44.4412.%'),
     source as (select * from activity where listed and status = 'PUBLISHED' order by id limit 1),
     themes(t) as (values (array['新时代文明实践志愿服务', '垃圾分类宣传', '关爱空巢老人', '义诊进社区', '反诈宣传进村',
         '文明交通劝导', '理论宣讲', '邻里守望', '我们的节日·端午', '清洁家园行动', '扶老助残', '普法宣传',
         '全民阅读', '马拉松赛事服务', '社保卡申领代办', '身份证换领便民服务', '红色故事分享会', '亲子环保课堂',
         '非遗剪纸课堂', '书法进乡村', '防溺水安全教育', '文明餐桌光盘行动', '绿色出行倡议', '文明家风传承',
         '助农直播', '消防安全演练', '心理健康讲座', '应急救护培训', '健康义剪', '河涌巡护'])),
     lines(l) as (values (array['组织志愿者开展服务，为群众办实事解难题。', '活动在新时代文明实践站举行，欢迎居民参加。',
         '志愿者将提供政策咨询和便民服务。', '请穿着志愿者马甲准时签到。', '本次活动面向全体居民，老人和儿童优先。',
         '活动由镇新时代文明实践所统筹，村（社区）实践站具体实施。', '现场设有咨询台，解答群众关心的问题。',
         '服务时长将记入志愿服务记录。', '雨天顺延，请留意通知。', '欢迎携带家人一同参加。',
         '聚焦文明城市创建，推动移风易俗。', '倡导绿色低碳的生活方式。'])),
     g as (select i, (hashint4(i) & 2147483647) as h from generate_series(1, $ACTIVITIES) i)
insert into activity (title, description, type, lecture_setting, lecture_team_id, campaign_theme, course_subject,
    organizer_team_id, organizer_site_id, site_id, address, latitude, longitude, region_code, region_path,
    geofence_radius_m, requires_approval, status, created_by, published_at, starts_at, ends_at, listed)
select left(w.names[1 + g.h % cardinality(w.names)] || th.t[1 + (g.h / 7) % cardinality(th.t)], 100),
       ln.l[1 + g.h % 12] || ln.l[1 + (g.h / 13) % 12] || ln.l[1 + (g.h / 169) % 12],
       s.type, s.lecture_setting, s.lecture_team_id, s.campaign_theme, s.course_subject, s.organizer_team_id,
       s.organizer_site_id, s.site_id, s.address, s.latitude, s.longitude,
       w.codes[1 + g.h % cardinality(w.names)], w.paths[1 + g.h % cardinality(w.names)],
       s.geofence_radius_m, s.requires_approval, 'PUBLISHED', 'bench', now() - (g.i % 700) * interval '1 day',
       now() + (g.i % 60) * interval '1 day', now() + (g.i % 60) * interval '1 day' + interval '3 hours', true
from g cross join towns w cross join source s cross join themes th cross join lines ln;
delete from search_document;
analyze;
SQL
echo "inserted $ACTIVITIES activities in $(echo "$(date +%s.%N) - $started" | bc) s; restarting on an empty index"
started=$(date +%s.%N)
restart_server
until [ "$($SQL -t -A -c "select count(*) from search_document")" -ge "$DOCS" ]; do
  kill -0 $PID 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
  sleep 1
done
$SQL -c "analyze search_document"
echo "indexed $($SQL -t -A -c "select count(*) from search_document") documents ($($SQL -t -A -c "select string_agg(kind || ' ' || n, ', ') from (select kind, count(*) n from search_document group by kind order by 1) c")), first fill after restart $(echo "$(date +%s.%N) - $started" | bc) s; index $($SQL -t -A -c "select pg_size_pretty(pg_total_relation_size('search_document'))")"

if [ -n "${HOLD:-}" ]; then
  echo "holding the server for experiments (HOLD is set): BASE=$BASE, psql: $SQL; stop with Ctrl-C"
  while kill -0 $PID 2>/dev/null; do sleep 5; done
fi
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
: > "$WORK/queries.txt"
for q in 文明实践 志愿服务 身份证 垃圾分类 马拉松 端州 关爱空巢老人 反诈 社保卡 義診 文明城市 书法 2026 四会 敬老 河涌; do
  n=$($SQL -t -A -c "select count(*) from search_document where tokens @> array(select substr('$q', i, 2) from generate_series(1, greatest(length('$q') - 1, 1)) i)")
  echo "  query $q: about $n matching documents"
  enc "$q" >> "$WORK/queries.txt"
done
for path in /search /api/v1/search; do
  status=$(curl -s -o "$WORK/page" -w '%{http_code}' "$BASE$path?q=$(enc 文明实践)")
  [ "$status" = 200 ] || { echo "$path answered $status"; tail -20 "$WORK/server.log"; exit 1; }
done
grep -q '文明实践' "$WORK/page" || { echo "the search found nothing for 文明实践"; exit 1; }

export WORK
wrk -t1 -c1 -d5s -s bench/search.lua "$BASE" > /dev/null
wrk -t1 -c1 -d5s "$BASE/actuator/health/liveness" > /dev/null
run() { SEARCH_PATH=$1 wrk -t"$2" -c"$2" -d${SECONDS_PER_RUN}s -s bench/search.lua "$BASE" | tail -1; }
live() { wrk -t"$1" -c"$1" -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1; }
baseline=$(live 1)
page1=$(run /search 1)
api1=$(run /api/v1/search 1)
baseline4=$(live 4)
page4=$(run /search 4)
api4=$(run /api/v1/search 4)
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
echo "| request ($DOCS documents, 16 queries in turn) | latency (ms) | p95 ÷ liveness p95 |"
echo "|---|---|---|"
for row in "baseline /actuator/health/liveness, 1 connection|$baseline|$baseline" "GET /search?q=…, 1 connection|$page1|$baseline" \
    "GET /api/v1/search?q=…, 1 connection|$api1|$baseline" "baseline, 4 connections|$baseline4|$baseline4" \
    "GET /search?q=…, 4 connections|$page4|$baseline4" "GET /api/v1/search?q=…, 4 connections|$api4|$baseline4"; do
  IFS='|' read -r name result base <<< "$row"
  echo "| $name | $result | $(awk -v a="$(field "$result" p95)" -v c="$(field "$base" p95)" 'BEGIN { printf "%.1f", a / c }') |"
done
