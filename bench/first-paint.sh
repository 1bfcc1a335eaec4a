#!/usr/bin/env bash
# First paint of each public page on a throttled phone (Chromium's "Slow 4G" + CPU 4× slower,
# 375 × 667, cold cache, a fresh browser per load), median of RUNS loads, against the liveness
# probe's first paint in the same run and conditions. A fresh Wenming with the tiny demo city
# (so the pages have content) is started on its own data folder and stopped afterwards.
# Needs Debian's chromium and chromium-driver. Usage: bench/first-paint.sh [RUNS, default 5]
# Environment: PORT (default 28431), PG_PORT (default 28432)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=${PORT:-28431}
PG_PORT=${PG_PORT:-28432}
source bench/lib.sh
[ -f target/test-classes/org/wenming/browser/FirstPaintBench.class ] || ./mvnw -q -B -DskipTests package
[ -f target/wenming.jar ] || ./mvnw -q -B -DskipTests package
CLASSPATH_FILE=target/bench-test-classpath.txt
[ -f "$CLASSPATH_FILE" ] || ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
DEMO=tiny start_server "$PORT" "$PG_PORT"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1), $(chromium --version)"
java -cp "target/test-classes:$(cat "$CLASSPATH_FILE")" org.wenming.browser.FirstPaintBench "$BASE" "$RUNS"
