#!/usr/bin/env bash
# The ledger's benchmarks on the packaged jar and its embedded PostgreSQL, in a throw-away data
# folder (target/bench-ledger):
#  (a) append rate: N records appended through the hash chain (head lock, SHA-256, duplicate
#      check, daily cap, totals; batches of B, one transaction each), against a plain batched
#      insert of the same rows into a copy of the table without chain or totals, in the same run;
#  (b) full-chain verification: the chain is extended to M records (computed in Java, loaded with
#      COPY), then `ledger verify` walks all of it with a 256 MB heap; time, peak heap (GC log)
#      and peak resident memory (/usr/bin/time) are reported.
# The appends of (a) and (b) are benchmark code (src/test/java/.../ledger/internal/LedgerBench.java),
# run from the test classpath: the shipped jar cannot write benchmark rows. The verification is the jar's.
# Usage: bench/ledger.sh [N appended, default 100000] [M in the chain, default 18000000; <= N skips (b)] [B, default 100]
# Environment: JAR (default target/wenming.jar), DATA (default target/bench-ledger), PG_PORT (default 28433)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-100000}
CHAIN=${2:-18000000}
BATCH=${3:-100}
JAR=${JAR:-target/wenming.jar}
[ -f "$JAR" ] && [ -f target/test-classes/org/wenming/ledger/internal/LedgerBench.class ] \
  || ./mvnw -q -B -DskipTests package
CLASSPATH_FILE=target/bench-classpath.txt
[ -f "$CLASSPATH_FILE" ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
DATA=${DATA:-target/bench-ledger}
PG_PORT=${PG_PORT:-28433}
rm -rf "$DATA"; mkdir -p "$DATA"
ledger() {
  local heap=$1; shift
  java -Xmx"$heap" -Xlog:gc:file="$DATA/gc-$1.log" \
    -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" org.wenming.ledger.internal.LedgerBench "$@" \
    --wenming.db.embedded-directory="$DATA/db" --wenming.db.embedded-port="$PG_PORT" --bench-database=yes
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1)"
echo "== (a) append rate: $RECORDS records in batches of $BATCH"
ledger 512m bench-append --records="$RECORDS" --batch="$BATCH"
EXTEND=$(( CHAIN - RECORDS ))
if [ "$EXTEND" -le 0 ]; then exit 0; fi
echo "== (b) extending the chain to $CHAIN records"
ledger 512m bench-chain --records="$EXTEND"
echo "== (b) verifying the whole chain (-Xmx256m)"
start=$(date +%s.%N)
set +e
/usr/bin/time -v -o "$DATA/verify.time" java -Xmx256m -Xlog:gc:file="$DATA/gc-verify.log" -jar "$JAR" \
  ledger verify --wenming.db.embedded-directory="$DATA/db" --wenming.db.embedded-port="$PG_PORT" 2> "$DATA/verify.err"
status=$?
set -e
end=$(date +%s.%N)
echo "ledger verify exit status: $status; wall time including start and stop: $(echo "$end - $start" | bc -l | cut -c1-7) s"
grep -E "Maximum resident|Elapsed" "$DATA/verify.time"
echo "peak heap after GC (MB): $(grep -oE '[0-9]+M->[0-9]+M' "$DATA/gc-verify.log" | sed 's/.*->//;s/M//' | sort -n | tail -1)"
du -sh "$DATA/db" | sed 's/^/database size: /'
