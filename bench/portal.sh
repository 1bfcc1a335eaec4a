#!/usr/bin/env bash
# The public face (issue 19): the home page and an article page, measured with wrk beside
# /actuator/health/liveness in the same run, on a fresh server with the demo city at $DEMO (default small:
# its activities, news, honours, catalogue and dashboard figures):
#   GET /                       the home page (search, actions, activities near me, news, honours, figures)
#   GET /?near=441202           the home page for one county
#   GET /news/{number}          an article (its view counted: one UPDATE a request)
#   GET /news                   the list of articles
#   GET /sitemap.xml            the sitemap index
# at 1 and 4 connections. Prints p50/p95/p99 and the p95 ratio to the liveness probe (goal: the home page
# and an article p95 under 20 ms).
# Needs: wrk, psql. Usage: bench/portal.sh [seconds, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
PG_PORT=${PG_PORT:-28577}
DEMO=${DEMO:-small}
. bench/lib.sh
start_server "${PORT:-28563}" "$PG_PORT"
echo "waiting for the demo city"
until grep -qa "Demo city ready" "$WORK/server.log"; do
  kill -0 $PID 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
  sleep 1
done
NUMBER=$($SQL -t -A -c "select number from news_article where status = 'PUBLISHED' order by published_at desc limit 1")
HOME_PAGE="$BASE/"
NEAR="$BASE/?near=441202"
ARTICLE="$BASE/news/$NUMBER"
LIST="$BASE/news"
SITEMAP="$BASE/sitemap.xml"
for url in "$HOME_PAGE" "$NEAR" "$ARTICLE" "$LIST" "$SITEMAP"; do
  status=$(curl -s -o "$WORK/page" -w '%{http_code}' "$url")
  [ "$status" = 200 ] || { echo "$url answered $status"; tail -20 "$WORK/server.log"; exit 1; }
  echo "$url: $(wc -c < "$WORK/page") bytes"
done
for url in "$HOME_PAGE" "$NEAR" "$ARTICLE" "$LIST" "$SITEMAP" "$BASE/actuator/health/liveness"; do
  wrk -t1 -c1 -d5s "$url" > /dev/null
done
run() { wrk -t"$2" -c"$2" -d${SECONDS_PER_RUN}s -s bench/latency.lua "$1" | tail -1; }
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
echo "| request (demo city: $DEMO) | latency (ms) | requests/s | p95 ÷ liveness p95 |"
echo "|---|---|---|---|"
for c in 1 4; do
  baseline=$(run "$BASE/actuator/health/liveness" $c)
  b=$(field "$baseline" p95)
  for row in "baseline /actuator/health/liveness|$baseline" "GET /|$(run "$HOME_PAGE" $c)" \
      "GET /?near=441202|$(run "$NEAR" $c)" "GET /news/{number}|$(run "$ARTICLE" $c)" "GET /news|$(run "$LIST" $c)" \
      "GET /sitemap.xml|$(run "$SITEMAP" $c)"; do
    name=${row%%|*}; result=${row#*|}
    echo "| $name, $c connection(s) | $result | $(awk -v r="$(field "$result" requests)" -v s=$SECONDS_PER_RUN 'BEGIN { printf "%.0f", r / s }') | $(awk -v a="$(field "$result" p95)" -v c="$b" 'BEGIN { printf "%.1f", a / c }') |"
  done
done
echo "views counted on $NUMBER: $($SQL -t -A -c "select view_count from news_article where number = '$NUMBER'")"
