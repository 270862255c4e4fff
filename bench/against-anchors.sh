#!/usr/bin/env bash
# Custody's boot-time commands against the C tools Heads runs for the same work, on the same files
# (issue 15). Builds its inputs itself: a 189 MB /boot signed with Custody, a 16 MiB coreboot
# image, 1,000 measurement logs made from the corpus, a lab machine with a sealed TOTP.
# Each pair runs interleaved (Custody, then the anchor, N times), whole process, warm page cache;
# prints the median of each side (wall clock and CPU time), their ratios and the load average.
# Custody runs as the package's launcher runs it (custody_java below). See docs/benchmarks.md.
# Usage: bench/against-anchors.sh [N | --quick]   (default 10 runs per side; --quick: 2 runs, to check that every
# row works, not for figures; needs tpm2-tools, oathtool, coreboot-utils, gpgv)
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
runs=${1:-10}
[ "$runs" = --quick ] && runs=2
custody="$CUSTODY_HOME/bin/custody"
"$custody" --version >/dev/null   # builds and trains the start-up cache if needed, outside the measurement

work=$(mktemp -d)
lab="$work/lab"
cleanup() { "$custody" lab stop "$lab" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Building the inputs in $work..." >&2
# /boot: Xen, two kernels, two large initrds and GRUB's files, 189 MB, signed with Custody.
boot="$work/boot"
mkdir -p "$boot/grub/fonts" "$boot/grub/i386-pc"
head -c 1300000 /dev/urandom > "$boot/xen-4.17.5.gz"
head -c 12000000 /dev/urandom > "$boot/vmlinuz-6.6.77-1.qubes.fc37.x86_64"
head -c 11500000 /dev/urandom > "$boot/vmlinuz-6.1.128-1.qubes.fc37.x86_64"
head -c 82000000 /dev/urandom > "$boot/initramfs-6.6.77-1.qubes.fc37.x86_64.img"
head -c 78000000 /dev/urandom > "$boot/initramfs-6.1.128-1.qubes.fc37.x86_64.img"
head -c 2400000 /dev/urandom > "$boot/grub/fonts/unicode.pf2"
for i in $(seq 1 60); do head -c 20000 /dev/urandom > "$boot/grub/i386-pc/mod$i.mod"; done
head -c 1500000 /dev/urandom > "$boot/System.map-6.6.77-1.qubes.fc37.x86_64"
cat > "$boot/grub/grub.cfg" <<'CFG'
menuentry 'Qubes, with Xen hypervisor' {
	multiboot2	/xen-4.17.5.gz placeholder console=none dom0_mem=min:1024M dom0_mem=max:4096M
	module2	/vmlinuz-6.6.77-1.qubes.fc37.x86_64 placeholder root=/dev/mapper/qubes_dom0-root ro rhgb quiet
	module2 --nounzip /initramfs-6.6.77-1.qubes.fc37.x86_64.img
}
CFG
printf 'benchmark passphrase\n' > "$work/pass"
"$custody" key generate --uid "Bench Owner" --algorithm ED25519 --out "$work/key.asc" --public "$work/pub.asc" \
  --passphrase-file "$work/pass" >/dev/null
gpg --dearmor < "$work/pub.asc" > "$work/pub.gpg"
"$custody" boot sign --boot "$boot" --key "$work/key.asc" --passphrase-file "$work/pass" --default 1 >/dev/null
boot_mb=$(( $(du -sb "$boot" | cut -f1) / 1000000 ))

# A 16 MiB coreboot image: descriptor, ME, FMAP, CBFS with raw, LZMA and LZ4 files.
bench/firmware-image.sh "$work/bench16.rom" >/dev/null 2>&1

# The corpus's measurement logs, and 1,000 made from its crypto-agile ones.
corpus=testdata/corpus/eventlogs
mapfile -t logs < <(ls "$corpus"/* | grep -v '\.txt$')
mapfile -t agile < <(for f in "${logs[@]}"; do head -c 48 "$f" | grep -qa 'Spec ID Event03' && echo "$f"; done)
mkdir "$work/logs1000"
for i in $(seq 0 999); do cp "${agile[$((i % ${#agile[@]}))]}" "$work/logs1000/log$(printf %04d "$i").bin"; done
mapfile -t logs1000 < <(ls "$work"/logs1000/*)

# A lab machine with a sealed TOTP; the anchor unseals the same object from the same swtpm.
"$custody" lab create "$lab" >/dev/null
"$custody" lab power-on "$lab" >/dev/null || true   # exit 4: its /boot is not signed; the TPM is measured all the same
"$custody" totp seal --machine "$lab" --qr-png "$work/qr.png" >/dev/null
secret=$(zbarimg --quiet --raw "$work/qr.png" 2>/dev/null | sed 's/.*secret=//; s/&.*//')
export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$(cat "$lab/tpm/swtpm.port")"
head -c 3000000 /dev/urandom > "$work/3mb"

# One custody command as the Debian package's /usr/bin/custody runs it: the JVM with the flags and
# class path of bin/common.sh, and the start-up cache. bin/custody adds a check that the build is
# up to date (a 'find' over the sources, ~0.1 s of CPU) that a booting machine does not run.
custody_java() {
  custody_run_flags "$@"
  "$JAVA_HOME/bin/java" "${CUSTODY_RUN_FLAGS[@]}" -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "$@"
}

# Milliseconds one run of "$@" takes, wall clock and CPU (user + sys of every process it started),
# as "WALL CPU" (bash's own timer: no process started to read it). CPU time is far less sensitive
# to other work on the machine than wall time.
time_ms() {
  local TIMEFORMAT='%3R %3U %3S' times
  times=$( { time "$@" >/dev/null 2>&1 || true; } 2>&1 )
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$times"
}

ratio() { awk -v c="$1" -v a="$2" 'BEGIN {if (a > 0) printf "%.2f×", c / a; else print "-"}'; }

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2] + v[NR/2+1]) / 2)}'; }

# Peak resident memory of one custody command run as custody_java runs it, in MB.
peak_mb_custody() {
  custody_run_flags "$@"
  peak_mb "$JAVA_HOME/bin/java" "${CUSTODY_RUN_FLAGS[@]}" -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "$@"
}

# Peak resident memory of one run, in MB.
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", $1 / 1024}'; }

anchor_totp() {
  (cd "$work" && tpm2_startauthsession --policy-session -S s.ctx && tpm2_policypcr -Q -S s.ctx -l sha256:0,1,2,3,4,7 &&
    tpm2_unseal -c 0x81004d47 -p session:s.ctx >/dev/null && tpm2_flushcontext s.ctx && oathtool --totp -b "$secret")
}
anchor_boot() {
  (cd "$boot" && sha256sum -c --quiet kexec_hashes.txt && sha256sum kexec*.txt | gpgv -q --keyring "$work/pub.gpg" kexec.sig - 2>/dev/null)
}
anchor_logs() { local f; for f in "$@"; do tpm2_eventlog "$f" >/dev/null 2>&1 || true; done; }

rows=()
# pair NAME TARGET -- CUSTODY... -- ANCHOR...
pair() {
  local name=$1 target=$2; shift 3
  local mine=() theirs=() c=() a=() cc=() ac=() i wall cpu
  while [ "$1" != "--" ]; do mine+=("$1"); shift; done
  shift
  theirs=("$@")
  echo "  $name..." >&2
  "${mine[@]}" >/dev/null 2>&1 || true   # one warm-up each: page cache, swtpm
  "${theirs[@]}" >/dev/null 2>&1 || true
  for i in $(seq 1 "$runs"); do
    read -r wall cpu < <(time_ms "${mine[@]}"); c+=("$wall"); cc+=("$cpu")
    read -r wall cpu < <(time_ms "${theirs[@]}"); a+=("$wall"); ac+=("$cpu")
  done
  local cm am ccm acm
  cm=$(median "${c[@]}")
  am=$(median "${a[@]}")
  ccm=$(median "${cc[@]}")
  acm=$(median "${ac[@]}")
  rows+=("| $name | $cm ms | $am ms | $(ratio "$cm" "$am") | $ccm ms | $acm ms | $(ratio "$ccm" "$acm") | $target |")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Measuring, $runs runs per side, interleaved..." >&2
pair "TOTP at boot: unseal under a PCR policy session + code" "≤ 2×" -- \
  custody_java totp --machine "$lab" -- anchor_totp
pair "verify a $boot_mb MB /boot (4 large files + grub.cfg)" "≤ 0.5×" -- \
  custody_java boot verify --boot "$boot" --keyring "$work/pub.asc" -- anchor_boot
pair "inspect a 16 MiB coreboot image (cbfstool print -v)" "≤ 1.5×" -- \
  custody_java rom inspect "$work/bench16.rom" -- cbfstool "$work/bench16.rom" print -v
pair "inspect a 16 MiB coreboot image, --json with every SHA-256" "(none)" -- \
  custody_java rom inspect --json "$work/bench16.rom" -- cbfstool "$work/bench16.rom" print -v
pair "replay the ${#logs[@]} corpus logs" "≤ 1×" -- \
  custody_java eventlog replay --json "${logs[@]}" -- anchor_logs "${logs[@]}"
pair "replay 1,000 logs" "≤ 0.05×" -- \
  custody_java eventlog replay --json "${logs1000[@]}" -- anchor_logs "${logs1000[@]}"
pair "custody --version (start-up floor) against oathtool --version" "(none)" -- \
  custody_java --version -- oathtool --version

mem=()
for i in $(seq 1 "$runs"); do mem+=("$(peak_mb_custody totp --machine "$lab")"); done
memory_totp=$(median "${mem[@]}")
mem=()
for i in $(seq 1 "$runs"); do mem+=("$(peak_mb_custody boot verify --boot "$boot" --keyring "$work/pub.asc")"); done
memory_boot=$(median "${mem[@]}")
mem=()
for i in $(seq 1 "$runs"); do mem+=("$(peak_mb sha256sum "$work/3mb")"); done
memory_sha=$(median "${mem[@]}")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "$(nproc) cores; load average $load_before before, $load_after after; $runs interleaved runs per side, medians."
echo
echo "| work | Custody | anchor | Custody / anchor | Custody CPU | anchor CPU | CPU ratio | target |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "| peak memory (maximum resident set, /usr/bin/time): totp, boot verify | $memory_totp MB, $memory_boot MB | sha256sum 3 MB: $memory_sha MB | | | | | ≤ 64 MB |"
