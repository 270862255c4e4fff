package dev.custody.boot.kexec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.boot.Tools;
import dev.custody.boot.entry.LinuxEntry;
import dev.custody.boot.entry.MultibootEntry;
import dev.custody.boot.kexec.KexecPlanner.KernelParameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KexecPlannerTest {
    static final Path BOOT = Path.of("/boot");

    @Test
    void linuxEntryLoadsKernelInitrdAndCommandLineWithoutGrubSeparator() {
        LinuxEntry entry = new LinuxEntry("Debian", "/vmlinuz", List.of("/initrd.img"), "root=/dev/sda2 ro --- quiet");
        KexecPlan plan = KexecPlanner.plan(BOOT, entry, KernelParameters.NONE, Path.of("/run/custody/initrd.img"));
        assertThat(plan.commands()).containsExactly(
                List.of("kexec", "-l", "/boot/vmlinuz", "--initrd=/boot/initrd.img", "--append=root=/dev/sda2 ro quiet"),
                List.of("kexec", "-e"));
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.script()).contains("kexec -l /boot/vmlinuz --initrd=/boot/initrd.img '--append=root=/dev/sda2 ro quiet'\n");
    }

    @Test
    void severalInitrdsAreJoinedBecauseKexecTakesOne() {
        LinuxEntry entry = new LinuxEntry("Debian", "/vmlinuz", List.of("/intel-ucode.img", "/initrd.img"), "ro");
        KexecPlan plan = KexecPlanner.plan(BOOT, entry, KernelParameters.NONE, Path.of("/run/custody/initrd.img"));
        assertThat(plan.commands().getFirst())
                .containsExactly("cat", "/boot/intel-ucode.img", "/boot/initrd.img", ">", "/run/custody/initrd.img");
        assertThat(plan.load()).contains("--initrd=/run/custody/initrd.img");
    }

    @Test
    void xenIsMultibootWithModulesAndHeadsXenOptions() {
        MultibootEntry entry = new MultibootEntry("Qubes", "/xen.gz", "placeholder console=none",
                List.of(new MultibootEntry.Module("/vmlinuz", "placeholder root=/dev/mapper/root ro quiet"),
                        new MultibootEntry.Module("/initramfs.img", "")));
        KexecPlan plan = KexecPlanner.plan(BOOT, entry, new KernelParameters(List.of("intel_iommu=on"), Set.of("quiet")),
                Path.of("/unused"));
        assertThat(plan.load()).containsExactly("kexec", "-l", "/boot/xen.gz",
                "--command-line=placeholder console=none no-real-mode reboot=no vga=current",
                "--module=/boot/vmlinuz placeholder root=/dev/mapper/root ro intel_iommu=on",
                "--module=/boot/initramfs.img");
        assertThat(plan.kernelCommandLine()).isEqualTo("placeholder root=/dev/mapper/root ro intel_iommu=on");
    }

    /** Heads' kexec-boot.sh -o: the initrd carrying the disk key replaces the entry's (all of a Linux entry's). */
    @Test
    void anInitrdOverrideReplacesTheEntrysInitrd() {
        Path withKey = Path.of("/var/lib/custody/initrd-with-disk-key.img");
        LinuxEntry linux = new LinuxEntry("Debian", "/vmlinuz", List.of("/intel-ucode.img", "/initrd.img"), "ro");
        KexecPlan plan = KexecPlanner.plan(BOOT, linux, KernelParameters.NONE, Path.of("/run/custody/initrd.img"),
                java.util.Optional.of(withKey));
        assertThat(plan.commands()).containsExactly(
                List.of("kexec", "-l", "/boot/vmlinuz", "--initrd=" + withKey, "--append=ro"), List.of("kexec", "-e"));
        assertThat(KexecPlanner.initrds(linux)).containsExactly("/intel-ucode.img", "/initrd.img");

        MultibootEntry xen = new MultibootEntry("Qubes", "/xen.gz", "", List.of(new MultibootEntry.Module("/vmlinuz", "ro"),
                new MultibootEntry.Module("/initramfs.img", "")));
        assertThat(KexecPlanner.plan(BOOT, xen, KernelParameters.NONE, Path.of("/unused"), java.util.Optional.of(withKey)).load())
                .containsExactly("kexec", "-l", "/boot/xen.gz", "--command-line=" + KexecPlanner.XEN_OPTIONS,
                        "--module=/boot/vmlinuz ro", "--module=" + withKey);
        assertThat(KexecPlanner.initrds(xen)).containsExactly("/initramfs.img");
    }

    @Test
    void commandLinesOver2047BytesAreWarnedAbout() {
        String longLine = "x".repeat(2040) + " quiet ro";
        KexecPlan plan = KexecPlanner.plan(BOOT, new LinuxEntry("L", "/vmlinuz", List.of(), longLine), KernelParameters.NONE, Path.of("/x"));
        assertThat(plan.warnings()).containsExactly("the kernel command line is 2049 bytes; the kernel keeps only 2047");
        KexecPlan fits = KexecPlanner.plan(BOOT, new LinuxEntry("L", "/vmlinuz", List.of(), "x".repeat(2047)), KernelParameters.NONE, Path.of("/x"));
        assertThat(fits.warnings()).isEmpty();
    }

    @Test
    void theOptionsUsedAreOnesTheInstalledKexecKnows() {
        Tools.Result help = Tools.run(Path.of("/"), Map.of(), "/usr/sbin/kexec", "--help");
        assertThat(help.out()).contains("--command-line=", "--module=", "--append=", "--initrd=", "-l, --load", "-e, --exec");
    }
}
