#!/usr/bin/env bash
# Bulk import of N volunteers (default 800,000) from CSV, end to end through the HTTP API
# (upload -> job DONE) on the packaged jar with -Xmx512m, against PostgreSQL's own COPY of the
# same rows, already validated and encrypted, into a copy of the volunteer table (same indexes),
# measured in the same run. Also reports the peak heap from the GC log.
# Leaves the loaded data in target/bench-data for bench/volunteer-search.sh.
# Needs: psql (any recent client). Usage: bench/import.sh [rows, default 800000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-800000}
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)}
PORT=${PORT:-28419}
PG_PORT=${PG_PORT:-28432}
DATA=target/bench-data
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
rm -rf "$DATA"; mkdir -p "$DATA"
WORK=$(mktemp -d)
BASE="http://localhost:$PORT"
ADMIN_PASSWORD="Bench-admin-$(date +%s)"
echo "generating $ROWS volunteers..."
java bench/GenerateVolunteers.java "$ROWS" > "$WORK/volunteers.csv"
WENMING_ADMIN_PASSWORD="$ADMIN_PASSWORD" WENMING_COOKIE_SECURE=false java -Xmx512m \
  -Xlog:gc:file="$DATA/gc.log" -jar target/wenming.jar --server.port=$PORT \
  --wenming.db.embedded-directory="$DATA" --wenming.db.embedded-port=$PG_PORT > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; while kill -0 $PID 2>/dev/null; do sleep 0.1; done; rm -rf "$WORK"' EXIT
. bench/lib.sh
wait_ready $PID "$DATA/server.log"

STAFF_PASSWORD="City-staff-2026"
create_city_staff "$ADMIN_PASSWORD" "$STAFF_PASSWORD"
echo "$STAFF_PASSWORD" > "$DATA/bench-city.password"

echo "importing..."
start=$(date +%s.%N)
job=$(curl -sf -c "$WORK/staff.jar" -b "$WORK/staff.jar" -H "X-CSRF-TOKEN: $(csrf "$WORK/staff.jar")" \
  -F "file=@$WORK/volunteers.csv;type=text/csv" "$BASE/api/v1/admin/volunteers/import" | sed 's/.*"id":\([0-9]*\).*/\1/')
while true; do
  state=$(curl -s -b "$WORK/staff.jar" "$BASE/api/v1/admin/volunteers/import/$job")
  status=$(echo "$state" | sed 's/.*"status":"\([A-Z]*\)".*/\1/')
  case $status in DONE|REFUSED|FAILED|INTERRUPTED) break ;; esac
  sleep 0.2
done
end=$(date +%s.%N)
echo "$state"
[ "$status" = DONE ] || { echo "import did not succeed"; exit 1; }
import_s=$(echo "$end - $start" | bc -l)

# PostgreSQL's own COPY of the same, already validated and encrypted rows, into a copy of the table
COLS="volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash, id_number_masked,
  phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date, region_code, region_path, skills,
  availability, emergency_name, emergency_phone_cipher, emergency_phone_masked, guardian_name, guardian_relation,
  guardian_phone_cipher, guardian_phone_masked, guardian_consent_at, consent_version, consent_at, registered_by,
  created_at, updated_at, import_job_id"
export PGPASSWORD=postgres
SQL="$PSQL -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -v ON_ERROR_STOP=1"
$SQL -c "\\copy (select $(echo $COLS) from volunteer where import_job_id = $job) to '$WORK/validated.tsv'"
$SQL -c "drop table if exists volunteer_copy; create table volunteer_copy (like volunteer including all)"
copy_start=$(date +%s.%N)
$SQL -c "\\copy volunteer_copy ($(echo $COLS)) from '$WORK/validated.tsv'"
copy_end=$(date +%s.%N)
copied=$($SQL -t -A -c "select count(*) from volunteer_copy")
$SQL -c "drop table volunteer_copy"
copy_s=$(echo "$copy_end - $copy_start" | bc -l)

peak=$(grep -o '[0-9]*M->[0-9]*M' "$DATA/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
echo
echo "| step | rows | seconds | rows/s |"
echo "|---|---|---|---|"
printf "| Wenming import, HTTP upload -> DONE | %d | %.1f | %.0f |\n" "$ROWS" "$import_s" "$(echo "$ROWS / $import_s" | bc -l)"
printf "| PostgreSQL COPY of the validated rows (psql \\\\copy, same indexes) | %d | %.1f | %.0f |\n" "$copied" "$copy_s" "$(echo "$copied / $copy_s" | bc -l)"
printf "ratio import / COPY: %.2f\n" "$(echo "$import_s / $copy_s" | bc -l)"
echo "peak java heap before a collection (GC log): ${peak} MB (limit -Xmx512m)"
