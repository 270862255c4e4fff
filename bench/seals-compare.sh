#!/usr/bin/env bash
# Whole-process time of comparing two 12-megapixel seal photos (4000x3000 JPEGs), JVM start
# included, with the time of each stage. The photos are one genuine and one tampered synthetic
# pair from the seal generator (custody-seals' test fixtures, on custody-bench's class path).
# No region is given: the seal is found automatically. See docs/benchmarks.md ("Seal comparison").
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
custody="$CUSTODY_HOME/bin/custody"
"$custody" --version >/dev/null   # builds if the sources changed
mvn -B -q -o -DskipTests package -pl custody-bench -am >&2
bench_cp="custody-bench/target/classes:$(cat custody-bench/target/classpath.txt)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/java" -cp "$bench_cp" dev.custody.seals.synth.BenchmarkWriter "$work" 12 1 1 4000 3000
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in genuine-0000 particles-removed-0000; do
  echo "== $name"
  hyperfine -N -i -w 1 -r 10 --export-json "$work/$name.json" \
    "$custody seals compare $work/$name-reference.jpg $work/$name-photo.jpg --json"
  jq -r '.results[0] | "min \(.min) s, mean \(.mean) s"' "$work/$name.json"
  /usr/bin/time -f "max RSS %M KB" "$custody" seals compare "$work/$name-reference.jpg" "$work/$name-photo.jpg" --json \
    | jq -c '{verdict, score, stages}' || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
