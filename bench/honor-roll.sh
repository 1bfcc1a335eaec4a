#!/usr/bin/env bash
# The public roll of good people (好人榜, issue 18) with ENTRIES roll entries (default 10,000): a fresh
# server, the nominations, their given consents and their roll entries inserted with psql (9,000 身边好人
# over the quarters of 2019–2026 and the villages of Zhaoqing 4412, the five categories; 800 of them picked
# as 广东好人 and 150 of those as 中国好人; 50 moral models — 10,000 entries in all at the default), then
# measured with wrk beside /actuator/health/liveness in the same run, one connection at a time:
#   GET /honor                                   the head of the roll with the counts by honour
#   GET /honor?honour=CITY_GOOD&county=441202    filtered by honour and county
#   GET /honor?after=<a cursor deep in the roll> a page deep in the roll (keyset: as cheap as the head)
#   GET /honor/entries/{id}                      an entry
#   GET /honor/feed.atom                         the Atom feed (newest 50)
# Every one reads the public view honor_public_entry (consented entries only). Prints p50/p95/p99 and
# the p95 ratios to the liveness probe (goal: the roll's p95 under 50 ms).
# Needs: wrk, psql. Usage: bench/honor-roll.sh [entries, default 10000] [seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${1:-10000}
SECONDS_PER_RUN=${2:-20}
PG_PORT=${PG_PORT:-28574}
. bench/lib.sh
start_server "${PORT:-28560}" "$PG_PORT"
# of ENTRIES: 90 % the city's, 8 % the province's picks, 1.5 % the nation's, 0.5 % moral models
CITY=$((ENTRIES * 90 / 100)); PROVINCE=$((ENTRIES * 8 / 100)); NATION=$((ENTRIES * 15 / 1000))
MODELS=$((ENTRIES - CITY - PROVINCE - NATION))
started=$(date +%s.%N)
$SQL <<SQL
with places as (select array_agg(code order by code) as codes, array_agg(path order by code) as paths
                from region where level = 5 and path like '44.4412.%'),
     g as (select i, floor(random() * 1000000)::int as pick from generate_series(1, $CITY + $MODELS) i)
insert into honor_nomination (number, category, kind, nominee_name, nominee_id_hash, region_code, region_path, title,
    story, nominator_kind, nominator_name, nominator_mobile_cipher, nominator_mobile_masked, nominator_mobile_key_id,
    follow_token_hash, quarter, status, submitted_at, updated_at)
select 'HR-B-' || lpad(i::text, 8, '0'),
       (array['HELPING', 'BRAVERY', 'HONESTY', 'DEDICATION', 'FILIAL'])[1 + pick % 5], 'PERSON',
       (array['陈', '李', '黄', '梁', '张', '林', '何', '罗'])[1 + pick % 8] || (array['伟', '芳', '敏', '强', '丽', '军'])[1 + i % 6]
           || (array['华', '明', '英', '文', ''])[1 + (pick / 8) % 5],
       decode(md5('id' || i) || md5('id2' || i), 'hex'),
       p.codes[1 + pick % cardinality(p.codes)], p.paths[1 + pick % cardinality(p.codes)],
       (array['二十年如一日照料孤寡老人', '跳入河中救起落水儿童', '拾金不昧归还巨款', '扎根山区教学三十年', '悉心照料瘫痪婆婆十八年'])[1 + pick % 5],
       '压测事迹：多年来坚持帮助邻里，热心公益，群众认可。' || i, 'PUBLIC', '热心群众', decode('00', 'hex'), '139****0000', 'k1',
       decode(md5('follow' || i), 'hex'),
       (2019 + ((i - 1) % 31) / 4) || 'Q' || (1 + ((i - 1) % 31) % 4), 'PUBLISHED', now() - interval '30 days', now()
from g, places p;
insert into honor_consent (nomination_id, status, snapshot, snapshot_sha256, channel, given_by, requested_by, requested_at,
    decided_at)
select id, 'GIVEN', '{}', decode(md5('c' || id) || md5('c2' || id), 'hex'), 'PAPER', 'NOMINEE', 'bench', now(), now()
from honor_nomination where number like 'HR-B-%';
insert into honor_roll_entry (nomination_id, honour, period, published_by, published_at)
select id, 'CITY_GOOD', quarter, 'bench', now() - (row_number() over (order by id)) * interval '1 hour'
from honor_nomination where number like 'HR-B-%' and number <= 'HR-B-' || lpad('$CITY', 8, '0');
insert into honor_roll_entry (nomination_id, honour, period, decision_document, published_by, published_at)
select id, 'PROVINCE_GOOD', quarter, '粤文明办〔2026〕1号', 'bench', now()
from honor_nomination where number like 'HR-B-%' and number <= 'HR-B-' || lpad('$CITY', 8, '0')
order by id limit $PROVINCE;
insert into honor_roll_entry (nomination_id, honour, period, decision_document, published_by, published_at)
select nomination_id, 'NATION_GOOD', period, '文明办函〔2026〕1号', 'bench', now()
from honor_roll_entry where honour = 'PROVINCE_GOOD' order by id limit $NATION;
insert into honor_roll_entry (nomination_id, honour, period, decision_document, published_by, published_at)
select id, 'CITY_MORAL_MODEL', left(quarter, 4), '文明委〔2025〕1号', 'bench', now()
from honor_nomination where number > 'HR-B-' || lpad('$CITY', 8, '0') and number like 'HR-B-%';
analyze;
SQL
echo "inserted $($SQL -t -A -c 'select count(*) from honor_roll_entry') roll entries ($($SQL -t -A -c "select string_agg(honour || ' ' || n, ', ') from (select honour, count(*) n from honor_roll_entry group by honour order by 1) c")) in $(echo "$(date +%s.%N) - $started" | bc) s"

ENTRY=$($SQL -t -A -c "select id from honor_roll_entry order by id limit 1 offset 5000")
CURSOR=$($SQL -t -A -c "select period || '-' || id from honor_public_entry order by period desc, id desc limit 1 offset 8000")
HEAD="$BASE/honor"
FILTERED="$BASE/honor?honour=CITY_GOOD&county=441202"
DEEP="$BASE/honor?after=$CURSOR"
ONE="$BASE/honor/entries/$ENTRY"
FEED="$BASE/honor/feed.atom"
for url in "$HEAD" "$FILTERED" "$DEEP" "$ONE" "$FEED"; do
  status=$(curl -s -o "$WORK/page" -w '%{http_code}' "$url")
  [ "$status" = 200 ] || { echo "$url answered $status"; tail -20 "$WORK/server.log"; exit 1; }
  echo "$url: $(wc -c < "$WORK/page") bytes"
done
grep -o 'data-honour="[A-Z_]*">[^<]*<strong>[^<]*' <(curl -s "$HEAD") | sed 's/.*data-honour="\([A-Z_]*\)".*<strong>/\1 /' | tr '\n' ' '; echo

for url in "$HEAD" "$FILTERED" "$DEEP" "$ONE" "$FEED" "$BASE/actuator/health/liveness"; do
  wrk -t1 -c1 -d5s "$url" > /dev/null
done
run() { wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$1" | tail -1; }
baseline=$(run "$BASE/actuator/health/liveness")
head=$(run "$HEAD")
filtered=$(run "$FILTERED")
deep=$(run "$DEEP")
one=$(run "$ONE")
feed=$(run "$FEED")
baseline_after=$(run "$BASE/actuator/health/liveness")
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
echo "| request ($ENTRIES roll entries) | latency (ms), 1 connection | p95 ÷ liveness p95 |"
echo "|---|---|---|"
b=$(field "$baseline" p95)
for row in "baseline /actuator/health/liveness|$baseline" "GET /honor (the head, counts by honour)|$head" \
    "GET /honor?honour=CITY_GOOD&county=441202|$filtered" "GET /honor?after=… (8,000 entries deep)|$deep" \
    "GET /honor/entries/{id}|$one" "GET /honor/feed.atom (50 entries)|$feed" \
    "baseline again, after|$baseline_after"; do
  name=${row%%|*}; result=${row#*|}
  echo "| $name | $result | $(awk -v a="$(field "$result" p95)" -v c="$b" 'BEGIN { printf "%.1f", a / c }') |"
done
