#!/usr/bin/env bash
# The demo city generator on the packaged jar and its embedded PostgreSQL, from an empty data folder
# (target/bench-demo):
#  (1) `java -jar wenming.jar demo --scale <scale>` under /usr/bin/time -v with a bounded heap and a
#      GC log: elapsed time, peak resident memory, peak heap after GC; the command itself prints rows
#      and rows/s per table and the total;
#  (2) the baseline: PostgreSQL's own COPY of a plain file of the same size as the generated ledger
#      (service_record exported to a file, then copied into a scratch table with the same columns and
#      indexes), in the same database, so the ratio "our load / plain COPY" does not depend on the machine.
# Usage: bench/demo.sh [tiny|small|full, default small] [seed, default 4412]
# Environment: JAR (default target/wenming.jar), DATA (default target/bench-demo), PG_PORT (default 28461),
#   HEAP (default 4g)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-small}
SEED=${2:-4412}
JAR=${JAR:-target/wenming.jar}
HEAP=${HEAP:-4g}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
DATA=${DATA:-target/bench-demo}
PG_PORT=${PG_PORT:-28461}
rm -rf "$DATA"; mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1)"
echo "== (1) demo --scale $SCALE --seed $SEED (-Xmx$HEAP), empty data folder"
# the first run also creates the database, loads the regions and the practice network; time it apart
java -Xmx512m -jar "$JAR" ledger check --wenming.db.embedded-directory="$DATA/db" \
  --wenming.db.embedded-port="$PG_PORT" > "$DATA/prepare.log" 2>&1 || { cat "$DATA/prepare.log"; exit 1; }
set +e
/usr/bin/time -v -o "$DATA/demo.time" java -Xmx"$HEAP" -Xlog:gc:file="$DATA/gc-demo.log" -jar "$JAR" \
  demo --scale "$SCALE" --seed "$SEED" --wenming.db.embedded-directory="$DATA/db" \
  --wenming.db.embedded-port="$PG_PORT" | tee "$DATA/demo.log"
status=${PIPESTATUS[0]}
set -e
echo "demo exit status: $status"
grep -E "Maximum resident|Elapsed" "$DATA/demo.time"
echo "peak heap after GC (MB): $(grep -oE '[0-9]+M->[0-9]+M' "$DATA/gc-demo.log" | sed 's/.*->//;s/M//' | sort -n | tail -1)"
[ "$status" -eq 0 ] || exit "$status"

echo "== (2) baseline: PostgreSQL's own COPY of the same ledger rows from a plain file"
# the embedded PostgreSQL runs while the server does: start it on the same data folder (no first-start demo)
PORT=${PORT:-28462}
if curl -s "http://localhost:$PORT/" > /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
java -Xmx512m -jar "$JAR" --server.port="$PORT" --wenming.db.embedded-directory="$DATA/db" \
  --wenming.db.embedded-port="$PG_PORT" --wenming.demo.on-first-start=none > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; while kill -0 $SERVER 2>/dev/null; do sleep 0.1; done' EXIT
until curl -sf "http://localhost:$PORT/actuator/health/readiness" > /dev/null; do
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.5
done
export PGPASSWORD=postgres
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)}
SQL="$PSQL -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"
$SQL -c "copy service_record to '$DATA/records.tsv'"
ROWS=$($SQL -At -c "select count(*) from service_record")
$SQL -c "create table bench_copy (like service_record including defaults including indexes)"
start=$(date +%s.%N)
$SQL -c "copy bench_copy from '$DATA/records.tsv'"
end=$(date +%s.%N)
COPY_S=$(echo "$end - $start" | bc -l)
LEDGER_MS=$(grep -E "^ +service_record " "$DATA/demo.log" | head -1 | awk '{print $0}' | grep -oE '[0-9,]+ rows/s' | tr -d ', rows/s')
echo "plain COPY of $ROWS ledger rows (same columns and indexes): $(printf '%.2f' "$COPY_S") s, $(echo "$ROWS / $COPY_S" | bc) rows/s"
echo "generator's ledger step: ${LEDGER_MS} rows/s (hashing, chain, totals included); ratio plain/ours: $(echo "($ROWS / $COPY_S) / $LEDGER_MS" | bc -l | cut -c1-5)"
$SQL -c "drop table bench_copy"
du -sh "$DATA/db" | sed 's/^/database size: /'
