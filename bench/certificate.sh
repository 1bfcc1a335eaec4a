#!/usr/bin/env bash
# Service certificate PDFs (志愿服务证明): a volunteer registered through the form, 200 service records
# of all five activity types inserted into the ledger, one certificate issued through the page, then
# its PDF downloaded over and over (every download lays out and renders the PDF anew: font subset, QR
# code) against the same server's trivial endpoint (/actuator/health/liveness) as the baseline; one
# connection (per-certificate time) and two (this machine's cores). Also the first download after
# start (the 10 MB font is read then) and the public verification (recomputed from the ledger).
# Needs: wrk, psql, python3. Usage: bench/certificate.sh [seconds, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)}
PORT=${PORT:-28461}
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
WORK=$(mktemp -d)
BASE="http://localhost:$PORT"
WENMING_COOKIE_SECURE=false WENMING_ADMIN_PASSWORD="Bench-admin-$(date +%s)" java -Xmx512m -jar target/wenming.jar \
  --server.port=$PORT --wenming.db.embedded-directory="$WORK/data" --wenming.db.embedded-port=0 \
  > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
. bench/lib.sh
wait_ready $PID "$WORK/server.log"
# the embedded PostgreSQL took a free port (a fixed one could be another benchmark's)
PG_PORT=$(grep -o 'Embedded PostgreSQL started in [0-9]* ms on port [0-9]*' "$WORK/server.log" | grep -o '[0-9]*$')

# a volunteer registers on the form, with a resident ID whose check digit is right (GB 11643)
ID=$(python3 -c '
import random
first = "441202" + "19%02d%02d%02d" % (random.randint(60, 99), random.randint(1, 12), random.randint(1, 28)) + "%03d" % random.randint(0, 999)
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print(first + "10X98765432"[sum(int(c) * x for c, x in zip(first, w)) % 11])')
USER=bench-vol-$RANDOM
PASSWORD="Volunteer-2026-pw"
JAR="$WORK/volunteer.jar"
token=$(curl -s -c "$JAR" -b "$JAR" "$BASE/volunteers/register" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "realName=欧阳小明" -d "idType=RESIDENT_ID" -d "idNumber=$ID" \
  -d "phone=139$(printf %08d $RANDOM)" -d "regionCode=441202001002" -d "skills=MEDICAL" --data-urlencode "availability=周末" \
  -d "consent=true" -d "username=$USER" -d "password=$PASSWORD" -d "_csrf=$token" "$BASE/volunteers/register"
rm -f "$JAR"
login "$JAR" "$USER" "$PASSWORD"
SESSION=$(session "$JAR")

export PGPASSWORD=postgres
SQL="$PSQL -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"
$SQL -c "
insert into service_record (seq, kind, volunteer_id, activity_type, activity_title, started_at, ended_at, hours,
    organization_kind, organization_id, organization_name, region_path, recorded_by, confirmed_by, recorded_at,
    prev_hash, hash)
select 8000000000000000 + g, 'SERVICE', v.id, (array['SERVICE','LECTURE','MARKET','COURSE','CAMPAIGN'])[1 + g % 5],
    '基准活动', now() - g * interval '1 day', now() - g * interval '1 day' + interval '3 hours', 2.5 + (g % 4),
    'TEAM', 1, '基准队', '44.4412.441202.', 'bench', 'bench', now(),
    decode(md5(g::text) || md5(g::text), 'hex'), decode(md5((g + 1)::text) || md5((g + 1)::text), 'hex')
from volunteer v, generate_series(1, 200) g where v.user_id = (select id from app_user where username = '$USER')"

# issue through the page: the answer sends the browser on to the PDF
token=$(curl -s -b "$JAR" "$BASE/me/certificates" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR" -d "_csrf=$token" -d "from=" -d "to=" "$BASE/me/certificates")
NUMBER=$(echo "$location" | sed 's|.*/me/certificates/||; s|\.pdf$||')
PDF="$BASE/me/certificates/$NUMBER.pdf"
first=$(curl -s -o "$WORK/first.pdf" -w '%{time_total}' -H "Cookie: WENMING_SESSION=$SESSION" "$PDF")
echo "certificate $NUMBER: $(wc -c < "$WORK/first.pdf") bytes; first download after start $(awk -v t="$first" 'BEGIN { printf "%.0f", t * 1000 }') ms"
head -c 5 "$WORK/first.pdf" | grep -q '%PDF-' || { echo "the download is not a PDF"; exit 1; }
echo "verification: $(curl -s "$BASE/api/v1/certificates/$NUMBER" | grep -o '"status":"[A-Z_]*"')"

# warm-up, then the measured runs
wrk -t1 -c1 -d5s -H "Cookie: WENMING_SESSION=$SESSION" "$PDF" > /dev/null
wrk -t1 -c1 -d5s "$BASE/actuator/health/liveness" > /dev/null
baseline=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/actuator/health/liveness" | tail -1)
one=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$PDF" | tail -1)
two=$(wrk -t2 -c2 -d${SECONDS_PER_RUN}s -s bench/latency.lua -H "Cookie: WENMING_SESSION=$SESSION" "$PDF" | tail -1)
verify=$(wrk -t1 -c1 -d${SECONDS_PER_RUN}s -s bench/latency.lua "$BASE/api/v1/certificates/$NUMBER" | tail -1)
p95() { echo "$1" | sed 's/.*p95=\([0-9.]*\).*/\1/'; }
p50() { echo "$1" | sed 's/.*p50=\([0-9.]*\).*/\1/'; }
echo "| request | connections | latency (ms) |"
echo "|---|---|---|"
echo "| baseline /actuator/health/liveness | 1 | $baseline |"
echo "| certificate PDF, 200 records, 5 types | 1 | $one |"
echo "| certificate PDF, 200 records, 5 types | 2 | $two |"
echo "| public verification (JSON), recomputed from the ledger | 1 | $verify |"
awk -v a="$(p50 "$one")" -v b="$(p95 "$one")" -v c="$(p50 "$baseline")" -v d="$(p95 "$baseline")" -v e="$(p95 "$verify")" \
  'BEGIN { printf "PDF p50 %.1f ms, p95 %.1f ms (goal < 200 ms); ratio to baseline p50 %.1f, p95 %.1f; verification p95 ratio %.1f\n", a, b, a / c, b / d, e / d }'
