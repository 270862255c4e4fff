#!/bin/bash
# dracut module: Custody in the initramfs (the same files as the initramfs-tools hook), run
# once the devices have settled, before the disk is opened (custody-boot.sh).
# CUSTODY_ROOT, CUSTODY_STATE_DIR and CUSTODY_BOOT_DIR as for the initramfs-tools hook.

check() {
  [ -x "${CUSTODY_ROOT:-}/usr/lib/custody/runtime/bin/java" ] || return 1
  require_binaries cryptsetup || return 1
  return 0
}

depends() {
  return 0
}

installkernel() {
  hostonly='' instmods tpm_tis tpm_crb qemu_fw_cfg dm_crypt xts
}

install() {
  local root=${CUSTODY_ROOT:-} lib=/usr/lib/custody state=${CUSTODY_STATE_DIR:-/var/lib/custody} boot=${CUSTODY_BOOT_DIR:-/boot}
  mkdir -p "$initdir$lib" "$initdir/usr/bin"
  cp -a "$root$lib/." "$initdir$lib/"
  # Of the start-up caches, only the one for 'boot unlock', the command the initramfs runs.
  find "$initdir$lib" -maxdepth 1 -name 'custody*.aot' ! -name custody-unlock.aot -delete
  cp -a "$root/usr/bin/custody" "$initdir/usr/bin/custody"
  # The system libraries the runtime needs; its own find each other through $ORIGIN.
  local file library
  while read -r library; do
    inst_library "$library"
  done < <(find "$root$lib/runtime" -type f \( -name '*.so' -o -path '*/bin/java' \) -print0 |
             xargs -0 -n1 ldd 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' | grep -v "^$root$lib/" | sort -u)
  inst_multiple cryptsetup cat grep mount modprobe sleep mkdir sync
  if [ -d "$state" ]; then
    mkdir -p "$initdir/var/lib/custody"
    cp -a "$state/." "$initdir/var/lib/custody/"
  fi
  for file in kexec_key_devices.txt kexec_lukshdr_hash.txt; do
    [ -f "$boot/$file" ] && inst_simple "$boot/$file" "/boot/$file"
  done
  inst_hook initqueue/settled 10 "$moddir/custody-boot.sh"
}
