#!/usr/bin/env bash
# The transparency log's benchmarks on the embedded PostgreSQL, in a throw-away data folder (target/bench-tree):
#  (a) append rate through the ledger's writer without the tree's integration, with integrate() every second in
#      another thread, and without again, in the same run (3 x N records, batches of B, three cities);
#  (c) recompute: every city's tree root recomputed from the records (LedgerTree.recomputeAll) against the chain
#      walk (ChainVerifier) over the same records, twice each, alternately;
#  (b) proofs at size L: a synthetic tree of L random leaf hashes in one city (tiles built in Java, loaded with
#      COPY), its tiles' size on disk, then S random inclusion paths and consistency proofs timed (p50/p95/p99).
# Benchmark code (src/test/java/.../ledger/transparency/TreeBench.java), run from the test classpath.
#  Before (c) the chain is extended by M records in one city (LedgerBench bench-chain: computed in Java, loaded
#  with COPY), so the walks have something to walk; (c) first integrates them all and reports that rate.
# Usage: bench/tree.sh [N, default 30000] [L, default 18000000] [S, default 2000] [M, default 1000000] [B, default 100]
# Environment: DATA (default target/bench-tree), PG_PORT (default 28434)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-30000}
LEAVES=${2:-18000000}
SAMPLES=${3:-2000}
EXTEND=${4:-1000000}
BATCH=${5:-100}
[ -f target/test-classes/org/wenming/ledger/transparency/TreeBench.class ] || ./mvnw -q -B -DskipTests package
CLASSPATH_FILE=target/bench-classpath.txt
[ -f "$CLASSPATH_FILE" ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
DATA=${DATA:-target/bench-tree}
PG_PORT=${PG_PORT:-28434}
rm -rf "$DATA"; mkdir -p "$DATA"
tree() {
  java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" org.wenming.ledger.transparency.TreeBench "$@" \
    --wenming.db.embedded-directory="$DATA/db" --wenming.db.embedded-port="$PG_PORT" --bench-database=yes
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1)"
echo "== (a) append rate, 3 x $RECORDS records in batches of $BATCH: without, with integrate() every second, without"
tree bench-append --records="$RECORDS" --batch="$BATCH"
echo "== (c) extending the chain by $EXTEND records"
java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" org.wenming.ledger.internal.LedgerBench \
  bench-chain --records="$EXTEND" --wenming.db.embedded-directory="$DATA/db" --wenming.db.embedded-port="$PG_PORT" \
  --bench-database=yes | grep -v "^  "
echo "== (c) recompute the trees from the records vs walk the chain"
tree bench-recompute
echo "== (b) proofs in a tree of $LEAVES leaves ($SAMPLES samples)"
tree bench-proofs --leaves="$LEAVES" --samples="$SAMPLES"
du -sh "$DATA/db" | sed 's/^/database size: /'
