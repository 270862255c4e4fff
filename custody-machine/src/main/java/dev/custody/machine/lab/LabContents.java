package dev.custody.machine.lab;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Stand-ins for what a real machine holds: coreboot stages, a kernel, an initrd, Xen. They are
 * small, but each is distinct and deterministic, so measurements repeat from one lab to another.
 */
final class LabContents {
    static final String KERNEL = "vmlinuz-6.6.58-1.qubes.fc37.x86_64";
    static final String INITRD = "initramfs-6.6.58-1.qubes.fc37.x86_64.img";
    static final String XEN = "xen-4.17.5.gz";
    static final String GRUB_CONFIG = "grub2/grub.cfg";

    private LabContents() {}

    /** Pseudo-random bytes seeded by the name, with a readable label at the front. */
    static byte[] standIn(String name, int size) {
        byte[] bytes = new byte[size];
        new Random(name.hashCode()).nextBytes(bytes);
        byte[] label = ("custody lab stand-in for " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, bytes, 0, Math.min(label.length, size));
        return bytes;
    }

    /** A Qubes OS 4.2-style GRUB configuration: Xen started with multiboot2, dom0 kernel and initrd as modules. */
    static String grubConfig() {
        return """
                set default="0"
                set timeout=5
                insmod part_gpt
                insmod ext2
                search --no-floppy --fs-uuid --set=root 8c9e3d2a-lab0-4f0e-9a7c-000000000001
                menuentry 'Qubes, with Xen hypervisor' --class qubes --class gnu-linux --class os {
                \tinsmod multiboot2
                \tmultiboot2 /%s placeholder console=none dom0_mem=min:1024M dom0_mem=max:4096M ucode=scan smt=off gnttab_max_frames=2048 gnttab_max_maptrack_frames=4096
                \tmodule2 /%s placeholder root=/dev/mapper/qubes_dom0-root ro rd.luks.uuid=luks-lab rd.lvm.lv=qubes_dom0/root rhgb quiet
                \tmodule2 --nounzip /%s
                }
                """.formatted(XEN, KERNEL, INITRD);
    }

    /** coreboot's own build configuration file, as it sits in CBFS. */
    static byte[] corebootConfig() {
        return """
                CONFIG_VENDOR_LENOVO=y
                CONFIG_BOARD_LENOVO_X230=y
                CONFIG_TPM2=y
                CONFIG_TPM_MEASURED_BOOT=y
                CONFIG_PAYLOAD_LINUX=y
                """.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] revision() {
        return """
                /* coreboot-style revision of the Custody lab machine */
                #define COREBOOT_VERSION "4.22-custody-lab"
                #define COREBOOT_MAINBOARD "x230 (virtual)"
                """.getBytes(StandardCharsets.US_ASCII);
    }
}
