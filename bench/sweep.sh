#!/usr/bin/env bash
# The newsroom's published-page integrity sweep (issue 19, newsroom part D) over ARTICLES published
# articles (default 10,000): a fresh server with the tiny demo city (whose articles give a real body and its
# kept hash), ARTICLES copies of one demo article's current version inserted with psql (each published, with
# its version row and the same body and SHA-256), then one sweep started as the system administrator
# ("sweep now", POST /admin/news/integrity/sweep) and waited for. Prints the articles, the fetches (4 an
# article: browser, Baiduspider, Googlebot, a visitor from a search), the seconds, fetches/s and the findings
# (0 expected: every copy is clean), beside the liveness probe's throughput measured in the same run with
# one connection (goal: 10,000 articles, 40,000 fetches, in under 120 s).
# Needs: wrk, psql. Usage: bench/sweep.sh [articles, default 10000] (CONCURRENCY=16 fetches in flight)
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-10000}
PG_PORT=${PG_PORT:-28578}
DEMO=tiny
. bench/lib.sh
start_server "${PORT:-28564}" "$PG_PORT" --wenming.newsroom.integrity.concurrency="${CONCURRENCY:-16}"
started=$(date +%s.%N)
$SQL <<SQL
create temporary table src as
select a.region_code, a.region_path, a.title, a.lead, a.tags, v.body_html, v.body_sha256
from news_article a join news_article_version v on v.article_id = a.id and v.version = a.version
where a.status = 'PUBLISHED' order by length(v.body_html) desc limit 1;
insert into news_article (number, region_code, region_path, status, title, lead, body_html, tags, created_by,
    created_at, updated_at, submitted_by, submitted_at, reviewed_by, reviewed_at, published_at, version)
select 'N2099-' || lpad(i::text, 6, '0'), s.region_code, s.region_path, 'PUBLISHED', left(s.title, 180) || ' ' || i,
       s.lead, s.body_html, s.tags, 'bench-author', now(), now(), 'bench-author', now(), 'bench-reviewer', now(),
       now() - i * interval '1 minute', 1
from src s, generate_series(1, $ARTICLES) i;
insert into news_article_version (article_id, version, title, body_html, body_sha256, published_at, published_by)
select a.id, 1, a.title, a.body_html, s.body_sha256, a.published_at, 'bench-reviewer'
from news_article a, src s where a.number like 'N2099-%';
analyze news_article; analyze news_article_version;
SQL
PUBLISHED=$($SQL -t -A -c "select count(*) from news_article where status = 'PUBLISHED'")
echo "inserted $ARTICLES articles ($PUBLISHED published in all) in $(echo "$(date +%s.%N) - $started" | bc) s"

wrk -t1 -c1 -d5s "$BASE/actuator/health/liveness" > /dev/null
live=$(wrk -t1 -c1 -d10s "$BASE/actuator/health/liveness" | awk '/Requests\/sec/ {print $2}')
echo "liveness probe: $live requests/s (one connection)"

login "$WORK/admin.jar" admin "$ADMIN_PASSWORD"
token=$(curl -s -c "$WORK/admin.jar" -b "$WORK/admin.jar" "$BASE/admin/news/integrity" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
cpu_before=$(cpu_ms)
t0=$(date +%s.%N)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$WORK/admin.jar" -b "$WORK/admin.jar" -d "_csrf=$token" "$BASE/admin/news/integrity/sweep")
[ "$status" = 302 ] || { echo "sweep now answered $status"; tail -20 "$WORK/server.log"; exit 1; }
until [ "$($SQL -t -A -c "select count(*) from news_integrity_sweep where finished_at is not null")" -gt 0 ]; do
  sleep 0.5
  kill -0 $PID 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
done
t1=$(date +%s.%N)
cpu_after=$(cpu_ms)
row=$($SQL -t -A -F ' ' -c "select articles, fetches, findings, extract(epoch from finished_at - started_at) from news_integrity_sweep order by id desc limit 1")
read -r articles fetches findings seconds <<< "$row"
echo "sweep: articles=$articles fetches=$fetches findings=$findings seconds=$seconds fetches_per_s=$(echo "scale=1; $fetches / $seconds" | bc) (wall $(echo "$t1 - $t0" | bc) s, server cpu $(( (cpu_after - cpu_before) / 1000 )) s, concurrency ${CONCURRENCY:-16}, $(nproc) cores)"
grep "Integrity sweep" "$WORK/server.log" | tail -1
if [ "$findings" != 0 ]; then
  $SQL -c "select kind, identity, count(*), min(left(detail, 200)) from news_integrity_finding group by 1, 2"
fi
