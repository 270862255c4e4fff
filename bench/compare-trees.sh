#!/usr/bin/env bash
# The boot-time commands of two built checkouts (say main and a branch), run interleaved on the same
# inputs: CPU time (user + sys; median and minimum of N), wall time (median) and peak RSS (median),
# each run as that checkout's launcher runs it (its bin/common.sh: flags, class path, start-up cache).
# Interleaving gives both the same share of a loaded machine. Inputs: a folder W made as
# bench/against-anchors.sh makes them (lab/ with a sealed TOTP, boot/ signed, pub.asc, bench16.rom).
# Usage: bench/compare-trees.sh W N BEFORE_CHECKOUT AFTER_CHECKOUT
set -euo pipefail
W=$(cd "$1" && pwd)
N=$2
trees=("$(cd "$3" && pwd)" "$(cd "$4" && pwd)")
source "$(dirname "$0")/boot-commands.sh"
mapfile -t cmds < <(boot_commands "$W" "${trees[1]}")
# One run of command line "$2..." in checkout $1: prints "WALL CPU RSS_MB".
run() {
  local tree=$1; shift
  (
    source "$tree/bin/common.sh"
    require_jdk
    custody_run_flags "$@"
    /usr/bin/time -f '%e %U %S %M' "$JAVA_HOME/bin/java" "${CUSTODY_RUN_FLAGS[@]}" -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "$@" 2>&1 >/dev/null |
      tail -1 | awk '{printf "%s %.2f %d\n", $1, $2 + $3, $4 / 1024}'
  )
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
minimum() { printf '%s\n' "$@" | sort -n | head -1; }
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) before; $N interleaved runs per checkout"
printf '%-16s %-7s %8s %8s %8s %7s\n' command tree cpu_med cpu_min wall_med rss_MB
for c in "${cmds[@]}"; do
  read -ra a <<<"$c"
  declare -a wall0=() cpu0=() rss0=() wall1=() cpu1=() rss1=()
  for i in $(seq 1 "$N"); do
    for t in 0 1; do
      read -r w u m < <(run "${trees[$t]}" "${a[@]}")
      eval "wall$t+=($w); cpu$t+=($u); rss$t+=($m)"
    done
  done
  for t in 0 1; do
    eval 'printf "%-16s %-7s %8s %8s %8s %7s\n" "${a[0]} ${a[1]:-}" "$([ $t = 0 ] && echo before || echo after)" "$(median "${cpu'$t'[@]}")" "$(minimum "${cpu'$t'[@]}")" "$(median "${wall'$t'[@]}")" "$(median "${rss'$t'[@]}")"'
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after"
