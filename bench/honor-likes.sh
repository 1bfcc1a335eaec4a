#!/usr/bin/env bash
# Likes during a notice period (issue 18, part C): POST /api/v1/honor/notice/{id}/likes by signed-in sessions at
# about 500 likes a second for 30 s, each request a new account-nominee pair (so each should be counted once),
# with the liveness probe (/actuator/health/liveness) measured in the same run. The accounts, the nominations,
# their consents and the open notice period are inserted with psql (the other honours parts make them in the
# application); the sessions sign in through the login form. Afterwards it checks that every counted like is
# recorded once: the sum of the striped counters = the counted like rows = the likes answered "counted".
# Needs: wrk, psql, curl. Usage: bench/honor-likes.sh [seconds, default 30] [rate, default 500]
# CONNECTIONS (default 50): the connections wrk keeps open; the likes are paced by a schedule at the rate (this wrk
# has no -R; bench/honor-likes.lua says how), so the connections only bound how many are in flight at once (500/s
# at 100 ms each is 50 in flight). Until session 18 each connection waited connections/rate between likes, which
# paced the run at connections / (that wait + latency): under 500/s at any latency. The likes sent behind their
# slot are printed as late=. ACCOUNTS (default 500) x NOMINEES (default 50) pairs must exceed the likes sent.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-30}
RATE=${2:-500}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=2
ACCOUNTS=${ACCOUNTS:-500}
NOMINEES=${NOMINEES:-50}
. bench/lib.sh
start_server "${PORT:-28440}" "${PG_PORT:-28454}"
$SQL <<SQL
insert into app_user (username, display_name, password_hash, region_code)
  select 'bench-liker-' || i, '点赞者' || i, '{noop}Bench-liker-2026', '441202' from generate_series(1, $ACCOUNTS) i;
insert into user_role (user_id, role) select id, 'VOLUNTEER' from app_user where username like 'bench-liker-%';
insert into honor_notice (region_code, quarter, title, starts_at, ends_at, created_by, created_at)
  values ('4412', '2026Q4', '压测公示', now() - interval '1 day', now() + interval '6 days', 'bench', now());
insert into honor_nomination (number, category, kind, nominee_name, nominee_id_hash, region_code, region_path, title,
    story, nominator_kind, nominator_name, nominator_mobile_cipher, nominator_mobile_masked, nominator_mobile_key_id,
    follow_token_hash, quarter, status, submitted_at, updated_at)
  select 'HB-' || i, 'HELPING', 'PERSON', '压测候选人' || i, sha256(('bench-id-' || i)::bytea), code, path,
    '压测事迹' || i, '压测故事', 'PUBLIC', '压测', '\x00'::bytea, '138****0000', 'k1', sha256(('bench-token-' || i)::bytea),
    '2026Q4', 'IN_NOTICE', now(), now()
  from region, generate_series(1, $NOMINEES) i where code = '441202';
insert into honor_consent (nomination_id, status, snapshot, snapshot_sha256, channel, given_by, requested_by,
    requested_at, decided_at)
  select id, 'GIVEN', '{}'::jsonb, '\x00'::bytea, 'PAPER', 'NOMINEE', 'bench', now(), now()
  from honor_nomination where number like 'HB-%';
insert into honor_notice_entry (notice_id, nomination_id, position)
  select (select id from honor_notice where title = '压测公示'), id, row_number() over (order by id)
  from honor_nomination where number like 'HB-%';
analyze;
SQL
$SQL -t -A -c "select nomination_id from honor_public_shortlist where starts_at <= now() and ends_at > now() order by nomination_id" > "$WORK/nominees.txt"
echo "accounts: $ACCOUNTS, nominees on notice: $(wc -l < "$WORK/nominees.txt")"
# the accounts sign in four at a time (a session and its CSRF token each, one line per account in order)
sign_in() {
  local jar="$WORK/liker$1.jar"
  login "$jar" "bench-liker-$1" Bench-liker-2026
  echo "$(session "$jar") $(csrf "$jar")" > "$WORK/liker$1.txt"
}
export -f sign_in login session csrf; export BASE
seq 1 $ACCOUNTS | xargs -P 4 -I{} bash -c 'sign_in {}'
for i in $(seq 1 $ACCOUNTS); do cat "$WORK/liker$i.txt"; done > "$WORK/sessions.txt"
[ "$(grep -c '^[^ ]\+ [^ ]\+$' "$WORK/sessions.txt")" = "$ACCOUNTS" ] || { echo "not every account signed in"; exit 1; }
first=$(head -1 "$WORK/sessions.txt")
probe=$(curl -s -H "Cookie: WENMING_SESSION=${first%% *}" -H "X-CSRF-TOKEN: ${first#* }" -H 'User-Agent: Mozilla/5.0 bench' \
  -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/honor/notice/$(tail -1 "$WORK/nominees.txt")/likes")
echo "one like: $probe"
echo "$probe" | grep -q '"counted":true' || { echo "the like did not count"; exit 1; }
# the probe's pair is the last nominee with the first session: the runs' pairs start past it
export WRK_THREADS=$THREADS
export LIKES_RATE=$RATE
# warm-up: 10 s on pairs the measured run does not use
LIKES_OFFSET=1 wrk -t$THREADS -c$CONNECTIONS -d10s -s bench/honor-likes.lua "$BASE" > "$WORK/warmup.txt"
cat "$WORK/warmup.txt" | tail -1 | sed 's/^/warm-up: /'
warm=$(tail -1 "$WORK/warmup.txt" | sed 's/.*requests=\([0-9]*\).*/\1/')
wrk -t1 -c2 -d$((SECONDS_PER_RUN + 2))s -s bench/throughput.lua "$BASE/actuator/health/liveness" > "$WORK/probe.txt" &
probe_pid=$!
pg_stats_reset
cpu_before=$(cpu_ms); jvm_before=$(cpu_ms jvm)
likes=$(LIKES_OFFSET=$((warm + 100)) wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s \
  -s bench/honor-likes.lua "$BASE" | tail -1)
cpu_after=$(cpu_ms); jvm_after=$(cpu_ms jvm)
wait $probe_pid
liveness=$(tail -1 "$WORK/probe.txt")
field() { echo "$1" | sed "s/.*$2=\([0-9.]*\).*/\1/"; }
stripes=$($SQL -t -A -c "select coalesce(sum(likes), 0) from honor_like_count c join honor_nomination n on n.id = c.nomination_id where n.number like 'HB-%'")
rows=$($SQL -t -A -c "select count(*) from honor_like l join honor_nomination n on n.id = l.nomination_id where n.number like 'HB-%' and l.counted")
suspects=$($SQL -t -A -c "select count(*) from honor_like where not counted")
warm_line=$(tail -1 "$WORK/warmup.txt")
answered=$(( $(field "$likes" counted) + $(field "$warm_line" counted) + 1 ))
# requests wrk gave up on (2 s timeout) and those in flight when a run stopped reached the server but were not
# answered to wrk: each is a new pair, so each is one more counted row than the answers show
unanswered=$(( $(field "$likes" failed) + $(field "$warm_line" failed) + 2 * CONNECTIONS ))
duplicates=$($SQL -t -A -c "select count(*) from (select 1 from honor_like group by nomination_id, liker_key, day having count(*) > 1) d")
echo "| request | connections | latency (ms), throughput |"
echo "|---|---|---|"
echo "| POST /api/v1/honor/notice/{id}/likes (signed in, a new pair each), paced to $RATE/s (a schedule) | $CONNECTIONS | $likes |"
echo "| GET /actuator/health/liveness during it | 2 | $liveness |"
# the server's CPU (JVM + PostgreSQL) over the run per like answered (the probe's requests, cheap, included)
echo "server CPU per like: $(awk -v c=$((cpu_after - cpu_before)) -v j=$((jvm_after - jvm_before)) -v r="$(field "$likes" requests)" \
  'BEGIN { printf "%.2f ms (JVM %.2f, PostgreSQL %.2f)", (r > 0 ? c / r : 0), (r > 0 ? j / r : 0), (r > 0 ? (c - j) / r : 0) }')"
echo "likes answered counted (warm-up + run + the probe like): $answered; answered not counted: $(( $(field "$likes" already) + $(field "$likes" other) ));"
echo "counted rows: $rows; sum of the stripes: $stripes; suspects: $suspects; duplicate pairs: $duplicates; unanswered at most: $unanswered"
if [ "$rows" = "$stripes" ] && [ "$duplicates" = 0 ] && [ "$rows" -ge "$answered" ] && [ $(( rows - answered )) -le "$unanswered" ] \
    && [ "$(field "$likes" already)" = 0 ] && [ "$(field "$likes" other)" = 0 ]; then
  echo "every counted like recorded once: yes (stripes = rows; rows = answered + unanswered that reached the server)"
else
  echo "every counted like recorded once: NO"; exit 1
fi
awk -v p="$(field "$likes" p99)" -v r="$(field "$likes" rps)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" \
  'BEGIN { printf "p99 of the likes: %.1f ms (goal < 100 ms): %s at %s likes/s; load average before the summary: %s\n", p, (p < 100 ? "met" : "missed"), r, load }'
