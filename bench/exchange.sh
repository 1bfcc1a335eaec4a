#!/usr/bin/env bash
# Record transfer (转移接续, issue 22) at scale, on the packaged jar with its embedded PostgreSQL in a throw-away
# data folder: VOLUNTEERS volunteers of 端州区 with RECORDS service records between them (prepared by SQL, like the
# other benchmarks' preparation: the rows are not hash-chained — the export reads records, not the chain), and as
# many "moved" volunteers of 鼎湖区 with the same identity details and no records.
#  (1) export: an office of 端州区 downloads the bulk file of its scope (POST /api/v1/exchange/exports/bulk,
#      streamed); baseline in the same run: psql \copy of the same rows to a file;
#  (2) import: an office of 鼎湖区 uploads that file (POST /api/v1/exchange/imports?store=true: digest and
#      signature, every volunteer matched and checked, then each volunteer's records appended through the ledger's
#      hash chain with its totals); baseline in the same run: psql \copy of the exported rows into a plain copy of the
#      service_record table (no chain, no totals, no checks).
# Each phase reports its wall time and the server's peak resident set during it (VmHWM, reset before each phase
# through /proc/PID/clear_refs) and the JVM's heap limit. Run it under the shared lock:
#   flock /work/bench.lock bash bench/exchange.sh [RECORDS, default 800000] [VOLUNTEERS, default 8000]
# Environment: JAR, PORT (default 8104), PG_PORT (default 28604), HEAP (default 512m), AGAIN=1 imports the file
# a second time (nothing added).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-800000}
VOLUNTEERS=${2:-8000}
PER=$(( RECORDS / VOLUNTEERS ))
PORT=${PORT:-8104}
PG_PORT=${PG_PORT:-28604}
HEAP=${HEAP:-512m}
. bench/lib.sh
# the bulk file of 800,000 records is about 200 MB: above the default upload limit (201 MB), so the run raises it
JAVA_OPTS="-Xmx$HEAP" start_server "$PORT" "$PG_PORT" --wenming.scheduling.enabled=false \
  --spring.servlet.multipart.max-file-size=1GB --spring.servlet.multipart.max-request-size=1GB
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1); server -Xmx$HEAP"
echo "== preparing $VOLUNTEERS volunteers with $PER records each ($(( PER * VOLUNTEERS )) records) and $VOLUNTEERS moved ones"
t0=$(date +%s%N)
$SQL <<SQL
insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
    region_code, region_path, consent_version, consent_at, registered_by)
  select 'X' || lpad(i::text, 15, '0'), '交换志愿者' || i, 'jhzyz', 'RESIDENT_ID', '\x00'::bytea,
    decode(md5('x' || i), 'hex'), '4412**********' || lpad((i % 10000)::text, 4, '0'), '\x00'::bytea,
    decode(md5('xp' || i), 'hex'), '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441202', '44.4412.441202.',
    'bench', now(), 'bench-exchange'
  from generate_series(1, $VOLUNTEERS) i;
insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
    region_code, region_path, consent_version, consent_at, registered_by)
  select 'Y' || lpad(i::text, 15, '0'), '交换志愿者' || i, 'jhzyz', 'RESIDENT_ID', '\x00'::bytea,
    decode(md5('y' || i), 'hex'), '4412**********' || lpad((i % 10000)::text, 4, '0'), '\x00'::bytea,
    decode(md5('yp' || i), 'hex'), '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441203', '44.4412.441203.',
    'bench', now(), 'bench-exchange-moved'
  from generate_series(1, $VOLUNTEERS) i;
-- each volunteer: one record a day (two hours and a half, 9:00-11:30 city time), going back from three days ago
insert into service_record (seq, kind, volunteer_id, activity_type, activity_title, started_at, ended_at, hours,
    organization_kind, organization_id, organization_name, region_path, recorded_by, confirmed_by, recorded_at,
    prev_hash, hash)
select 8000000000000000 + row_number() over (), 'SERVICE', v.id,
    (array['SERVICE','LECTURE','MARKET','COURSE','CAMPAIGN'])[1 + g % 5], '基准活动' || g,
    date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' - (g + 3) * interval '1 day' + interval '9 hours',
    date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' - (g + 3) * interval '1 day' + interval '11 hours 30 minutes',
    2.5, 'TEAM', 1, '基准队', '44.4412.441202.', 'bench', 'bench', now(), '\x00'::bytea, '\x00'::bytea
from volunteer v, generate_series(1, $PER) g where v.registered_by = 'bench-exchange';
analyze;
SQL
echo "prepared in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# two county offices
login "$WORK/admin.jar" admin "$ADMIN_PASSWORD"
for county in 441202 441203; do
  curl -sf -o /dev/null -c "$WORK/admin.jar" -b "$WORK/admin.jar" -H "X-CSRF-TOKEN: $(csrf "$WORK/admin.jar")" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-office-$county\",\"displayName\":\"区文明办\",\"password\":\"Bench-office-2026\",\"roles\":[\"OFFICE_STAFF\"],\"regionCode\":\"$county\"}" \
    "$BASE/api/v1/admin/users"
  login "$WORK/office-$county.jar" "bench-office-$county" Bench-office-2026
done

# phase NAME COMMAND...: wall time and the server's peak resident set during the command
phase() {
  local name=$1; shift
  echo 5 > /proc/$PID/clear_refs
  local start=$(date +%s%N)
  "$@"
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "$name: ${ms} ms, server peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$PID/status) (-Xmx$HEAP)"
}

export_bulk() {
  curl -sf -o "$WORK/bulk.jsonl" -b "$WORK/office-441202.jar" -H "X-CSRF-TOKEN: $(csrf "$WORK/office-441202.jar")" \
    -H 'Content-Type: application/json' -d '{"reason":"基准测试：整体导出"}' "$BASE/api/v1/exchange/exports/bulk"
}
copy_out() {
  $SQL -c "\\copy (select r.seq, r.kind, r.activity_type, r.activity_title, r.organization_name, r.started_at, r.ended_at, r.hours from service_record r join volunteer v on v.id = r.volunteer_id where v.region_path = '44.4412.441202.' order by r.volunteer_id, r.started_at) to '$WORK/copy.tsv'"
}
import_bulk() {
  curl -s -o "$WORK/import.json" -w '%{http_code}\n' -b "$WORK/office-441203.jar" \
    -H "X-CSRF-TOKEN: $(csrf "$WORK/office-441203.jar")" -F "file=@$WORK/bulk.jsonl;type=application/x-ndjson" \
    "$BASE/api/v1/exchange/imports?store=true"
}
copy_in() {
  $SQL -c "create table bench_copy_in (seq bigint, kind text, activity_type text, activity_title text, organization_name text, started_at timestamptz, ended_at timestamptz, hours numeric)" \
    -c "\\copy bench_copy_in from '$WORK/copy.tsv'"
}

echo "== (1) export of the scope"
phase "bulk export (server, streamed)" export_bulk
echo "   file: $(du -m "$WORK/bulk.jsonl" | cut -f1) MB, $(( $(wc -l < "$WORK/bulk.jsonl") - 2 )) volunteers, trailer: $(tail -1 "$WORK/bulk.jsonl" | cut -c1-120)"
phase "baseline psql \\copy out of the same rows" copy_out
echo "   $(wc -l < "$WORK/copy.tsv") rows"

echo "== (2) import into the moved volunteers"
phase "bulk import (server: verify, match, check, append through the chain)" import_bulk
python3 -c "import json; r = json.load(open('$WORK/import.json')); print('   added', r['added'], 'skipped', r['skipped'], 'hours', r['hoursAdded'], 'volunteers', r['volunteersTotal'], 'errors', r['errorsTotal'], r['errors'][:3])"
phase "baseline psql \\copy into a plain table" copy_in
echo "== checks"
$SQL -At -c "select 'external records ' || count(*) || ', hours ' || sum(hours) from service_record where kind = 'EXTERNAL'"
$SQL -At -c "select 'totals of the moved volunteers: ' || count(*) || ' volunteers, ' || sum(hours) || ' h, ' || sum(records) || ' records' from volunteer_hours h join volunteer v on v.id = h.volunteer_id where v.registered_by = 'bench-exchange-moved'"
if [ "${AGAIN:-0}" = 1 ]; then
  phase "the same file again (twice = once)" import_bulk
  python3 -c "import json; r = json.load(open('$WORK/import.json')); print('   added', r['added'], 'skipped', r['skipped'])"
fi
