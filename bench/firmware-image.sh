#!/usr/bin/env bash
# Builds the 16 MiB benchmark image for the firmware benchmarks (docs/benchmarks.md):
# an Intel flash descriptor (descriptor, GbE, ME, BIOS regions), an FMAP and a CBFS holding
# 40 raw files of 64 KiB, 10 LZMA and 10 LZ4 files, with SHA-256 hash attributes on some.
# Usage: firmware-image.sh OUT.rom   (needs fmaptool, cbfstool and ifdtool from coreboot-utils)
set -euo pipefail
out=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > layout.fmd <<'FMD'
FLASH 16M {
  SI_ALL@0 0x500000 {
    SI_DESC@0 0x1000
    SI_GBE@0x1000 0x2000
    SI_ME@0x3000 0x4fd000
  }
  SI_BIOS@0x500000 0xb00000 {
    RW_MRC_CACHE@0 0x10000
    FMAP@0x10000 0x800
    COREBOOT(CBFS)
  }
}
FMD
fmaptool layout.fmd layout.fmap >/dev/null
cbfstool image.rom create -M layout.fmap >/dev/null

# A minimal version 1 descriptor: ifdtool can edit descriptors but not create one.
put32() { printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($2 & 255)) $(($2 >> 8 & 255)) $(($2 >> 16 & 255)) $(($2 >> 24 & 255)))" |
          dd of=desc.bin bs=1 seek=$(($1)) conv=notrunc status=none; }
head -c 4096 /dev/zero | tr '\0' '\377' > desc.bin
put32 0x10 0x0ff0a55a                      # FLVALSIG
put32 0x14 $((0x03 | 1 << 8 | 0x04 << 16 | 4 << 24))   # FCBA 0x30, 2 components, FRBA 0x40, 4 regions
put32 0x18 $((0x06 | 3 << 8 | 0x10 << 16 | 18 << 24))  # FMBA 0x60, 3 masters, FPSBA 0x100, 18 straps
put32 0x1c $((0x20 | 1 << 8))
put32 0x30 $((4 | 4 << 3))                 # two 8 MiB components, 20 MHz reads
put32 0x40 0x00000000                      # descriptor 0-0xfff
put32 0x44 0x0fff0500                      # BIOS 0x500000-0xffffff
put32 0x48 0x04ff0003                      # ME 0x3000-0x4fffff
put32 0x4c 0x00020001                      # GbE 0x1000-0x2fff
put32 0x50 0x00000fff                      # platform data unused
put32 0x60 0x0a0b0000                      # host: read descriptor/BIOS/GbE, write BIOS/GbE
put32 0x64 0x0c0d0000
put32 0x68 0x08080118
for i in $(seq 0 17); do put32 $((0x100 + 4 * i)) 0; done
cbfstool image.rom write -r SI_DESC -f desc.bin >/dev/null
head -c $((0x4fd000)) /dev/urandom > me.bin
ifdtool -i ME:me.bin image.rom -O image2.rom >/dev/null

for i in $(seq 1 40); do
  head -c 65536 /dev/urandom > raw.bin
  cbfstool image2.rom add -f raw.bin -n "blobs/raw$i" -t raw $([ $((i % 4)) -eq 0 ] && echo -A sha256)
done
seq 1 20000 > text.bin
for i in $(seq 1 10); do
  cbfstool image2.rom add -f text.bin -n "text/lzma$i" -t raw -c lzma
  cbfstool image2.rom add -f text.bin -n "text/lz4$i" -t raw -c lz4
done
mv image2.rom "$out"
