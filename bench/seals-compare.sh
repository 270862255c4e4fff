#!/usr/bin/env bash
# Whole-process time of comparing two 12-megapixel seal photos (4000x3000 JPEGs), JVM start
# included, with the time of each stage. The photos are one genuine and one tampered synthetic pair
# from `custody seals generate`. See docs/benchmarks.md ("Seal comparison").
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
custody="$CUSTODY_HOME/bin/custody"
"$custody" --version >/dev/null   # builds if the sources changed

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$custody" seals generate --out "$work" --seed 12 --genuine 1 --tampered 1 --size 4000x3000 >/dev/null
roi_of() { jq -r --arg n "$1" '.pairs[] | select(.name == $n) | .roi' "$work/index.json"; }

timed="$JAVA_HOME/bin/java -cp $CUSTODY_JAR dev.custody.seals.synth.TimeComparison"
for name in genuine-0000 particles-removed-0000; do
  roi=$(roi_of "$name")
  echo "== $name (ROI $roi): stages of three runs"
  for _ in 1 2 3; do
    $timed "$work/$name-reference.jpg" "$work/$name-photo.jpg" "$roi"
  done
  hyperfine -N -w 1 -r 10 "$timed $work/$name-reference.jpg $work/$name-photo.jpg $roi"
  if "$custody" seals --help | grep -qE '^ +compare +'; then   # the CLI command, once merged
    roi_option=""
    if "$custody" seals compare --help | grep -q -- "--roi"; then roi_option="--roi $roi"; fi
    hyperfine -N -i -w 1 -r 10 "$custody seals compare $work/$name-reference.jpg $work/$name-photo.jpg $roi_option --json"
  fi
done
