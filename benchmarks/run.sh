#!/usr/bin/env bash
# Runs every benchmark of issue 11 with the short settings documented in benchmarks/README.md
# (12–16 minutes on 2 cores) and keeps the raw output under benchmarks/target/results/.
# Build first: mvn -B -Pbenchmarks -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/results
mkdir -p "$OUT"

# The jar needs Java 21+; the machine's default java may be older. JAVA overrides.
if [[ -z "${JAVA:-}" ]]; then
  for candidate in "${JAVA_HOME:-}/bin/java" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V -r) java; do
    if [[ -x "$candidate" ]] || command -v "$candidate" >/dev/null 2>&1; then
      major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
      if [[ -n "$major" && "$major" -ge 21 ]]; then JAVA=$candidate; break; fi
    fi
  done
fi
: "${JAVA:?no Java 21+ found; set JAVA=/path/to/java}"

machine() { echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(uptime | sed 's/.*load/load/') java=$("$JAVA" -version 2>&1 | head -1)"; }
step() {
  local name=$1; shift
  machine | tee "$OUT/$name.log"
  "$@" 2>&1 | tee -a "$OUT/$name.log"
  machine | tee -a "$OUT/$name.log"
}

# One section only: run.sh machine|replay|journal|codec|sidebyside
only=${1:-all}
if [[ $only == all || $only == machine ]]; then
  step machine "$JAVA" -jar "$JAR" MachineStepBenchmark -prof gc -rf json -rff "$OUT/machine.json"
fi
if [[ $only == all || $only == replay ]]; then
  step replay "$JAVA" -jar "$JAR" ReplayBenchmark -prof gc -rf json -rff "$OUT/replay.json"
fi
if [[ $only == all || $only == journal ]]; then
  step journal "$JAVA" -cp "$JAR" dev.turnstile.benchmarks.store.JournalAppendHarness 2 4 1,16,256
fi
if [[ $only == all || $only == codec ]]; then
  step codec "$JAVA" -jar "$JAR" StreamDecodeBenchmark -prof gc -rf json -rff "$OUT/codec.json"
fi
if [[ $only == all || $only == sidebyside ]]; then
  step sidebyside "$JAVA" -Djava.util.logging.config.file=/dev/null -cp "$JAR" \
      dev.turnstile.benchmarks.sidebyside.SideBySide out="$OUT/sidebyside"
fi
