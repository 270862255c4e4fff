# Sourced by the initramfs-tools and dracut boot scripts: runs 'custody boot unlock' on the real
# TPM and, when the kernel command line says so, powers off when the disk stays locked.
#   custody=off                   skip Custody
#   custody.poweroff-on-refusal   never wait for a person: power off when the TPM refuses
#   custody.name=NAME             the device-mapper name of the opened disk (default luks-UUID)

custody_boot() {
  local poweroff="" args="" word
  for word in $(cat /proc/cmdline); do
    case "$word" in
      custody=off) return 0 ;;
      custody.poweroff-on-refusal) poweroff=y; args="$args --no-prompt" ;;
      custody.name=*) args="$args --name ${word#custody.name=}" ;;
    esac
  done
  for module in tpm_tis tpm_crb qemu_fw_cfg dm_crypt; do
    modprobe -q "$module" 2>/dev/null || true
  done
  [ -d /sys/kernel/security ] && ! grep -q ' /sys/kernel/security ' /proc/mounts &&
    mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
  local tries=0
  while [ ! -e /dev/tpmrm0 ] && [ ! -e /dev/tpm0 ] && [ $tries -lt 50 ]; do
    sleep 0.1; tries=$((tries + 1))
  done
  # A TPM 1.2 has no resource manager device.
  [ -e /dev/tpmrm0 ] || args="$args --tpm device:/dev/tpm0"
  mkdir -p /run/custody /tmp
  # shellcheck disable=SC2086 # the arguments are words without spaces, split on purpose
  if ! /usr/bin/custody boot unlock $args; then
    if [ -n "$poweroff" ]; then
      echo "custody: the disk stays locked and nobody may be asked (custody.poweroff-on-refusal); powering off"
      sync
      echo o >/proc/sysrq-trigger
      sleep 30
    fi
  fi
  return 0
}
