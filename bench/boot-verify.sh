#!/usr/bin/env bash
# Whole-process time of verifying a ~190 MB /boot (Xen, two kernels, two large initrds, GRUB files):
# Heads' own commands (sha256sum -c and gpgv) against `custody boot verify`, warm page cache.
# Then the in-process hashing with JMH. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
custody="$CUSTODY_HOME/bin/custody"
"$custody" --version >/dev/null   # builds if the sources changed

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
boot="$work/boot"
mkdir -p "$boot/grub/fonts" "$boot/grub/i386-pc"
head -c 1300000 /dev/urandom > "$boot/xen-4.17.5.gz"
head -c 12000000 /dev/urandom > "$boot/vmlinuz-6.6.77-1.qubes.fc37.x86_64"
head -c 11500000 /dev/urandom > "$boot/vmlinuz-6.1.128-1.qubes.fc37.x86_64"
head -c 82000000 /dev/urandom > "$boot/initramfs-6.6.77-1.qubes.fc37.x86_64.img"
head -c 78000000 /dev/urandom > "$boot/initramfs-6.1.128-1.qubes.fc37.x86_64.img"
head -c 2400000 /dev/urandom > "$boot/grub/fonts/unicode.pf2"
for i in $(seq 1 60); do head -c 20000 /dev/urandom > "$boot/grub/i386-pc/mod$i.mod"; done
head -c 4500000 /dev/urandom > "$boot/System.map-6.6.77-1.qubes.fc37.x86_64"
cat > "$boot/grub/grub.cfg" <<'CFG'
menuentry 'Qubes, with Xen hypervisor' {
	multiboot2	/xen-4.17.5.gz placeholder console=none dom0_mem=min:1024M dom0_mem=max:4096M
	module2	/vmlinuz-6.6.77-1.qubes.fc37.x86_64 placeholder root=/dev/mapper/qubes_dom0-root ro rhgb quiet
	module2 --nounzip /initramfs-6.6.77-1.qubes.fc37.x86_64.img
}
CFG
du -sh "$boot"

printf 'benchmark passphrase\n' > "$work/pass"
"$custody" key generate --uid "Bench Owner" --out "$work/key.asc" --public "$work/pub.asc" \
  --passphrase-file "$work/pass" >/dev/null
gpg --dearmor < "$work/pub.asc" > "$work/pub.gpg"
"$custody" boot sign --boot "$boot" --key "$work/key.asc" --passphrase-file "$work/pass" --default 1 >/dev/null

heads="cd $boot && sha256sum -c --quiet kexec_hashes.txt && sha256sum kexec*.txt | gpgv -q --keyring $work/pub.gpg kexec.sig - 2>/dev/null"
heads_boot="$heads && find ./ ! -path './kexec*' -print0 | sort -z | cmp -s - kexec_tree.txt && sha256sum -c --quiet kexec_default_hashes.txt"
hyperfine --warmup 3 --runs 30 --export-markdown "$work/verify.md" \
  -n "Heads: sha256sum -c + gpgv" "$heads" \
  -n "Heads at boot: + tree + default hashes" "$heads_boot" \
  -n "custody boot verify" "$custody boot verify --boot $boot --keyring $work/pub.asc"
cat "$work/verify.md"
bin/bench BootHashBenchmark
