#!/usr/bin/env bash
# CPU time (user + sys, median and minimum of N runs), peak RSS (median) and classes loaded (all, and
# those parsed from the jar rather than mapped from the start-up cache) of each boot-time command,
# with the launcher's own flags (bin/common.sh). CPU time, unlike wall time, stays meaningful on a
# loaded machine. Inputs: a folder W made as bench/against-anchors.sh makes them (lab/ with a sealed
# TOTP, boot/ signed, pub.asc, bench16.rom). See docs/benchmarks.md.
# Usage: bench/cpu-and-classes.sh W [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
W=$(cd "$1" && pwd)
N=${2:-5}
source bench/boot-commands.sh
mapfile -t cmds < <(boot_commands "$W" .)
printf '%-16s %8s %8s %6s %8s %8s\n' command cpu_med cpu_min rss_MB classes fromjar
for c in "${cmds[@]}"; do
  read -ra a <<<"$c"
  custody_run_flags "${a[@]}"
  cpu=(); rss=()
  for i in $(seq 1 $N); do
    out=$(/usr/bin/time -f '%U %S %M' "$JAVA_HOME/bin/java" "${CUSTODY_RUN_FLAGS[@]}" -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "${a[@]}" 2>&1 >/dev/null | tail -1)
    read -r u s m <<<"$out"
    cpu+=("$(awk -v u=$u -v s=$s 'BEGIN{printf "%.2f", u+s}')"); rss+=($((m/1024)))
  done
  cls=$("$JAVA_HOME/bin/java" "${CUSTODY_RUN_FLAGS[@]}" -Xlog:class+load=info:stdout -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "${a[@]}" 2>/dev/null | grep -c 'source:' || true)
  jar=$("$JAVA_HOME/bin/java" "${CUSTODY_RUN_FLAGS[@]}" -Xlog:class+load=info:stdout -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "${a[@]}" 2>/dev/null | grep 'source:' | grep -vc 'shared objects file\|jrt:/' || true)
  med=$(printf '%s\n' "${cpu[@]}" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  min=$(printf '%s\n' "${cpu[@]}" | sort -n | head -1)
  rm=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  printf '%-16s %8s %8s %6s %8s %8s\n' "${a[0]} ${a[1]:-}" "$med" "$min" "$rm" "$cls" "$jar"
done
