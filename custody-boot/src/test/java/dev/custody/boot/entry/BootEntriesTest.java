package dev.custody.boot.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.BootFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootEntriesTest {
    @TempDir
    Path boot;

    private List<FoundEntry> scan() {
        EntryScan scan = BootEntries.scan(boot, BootContent.toBeSigned(boot));
        assertThat(scan.refusals()).isEmpty();
        return scan.entries();
    }

    private List<String> menuLines() {
        return scan().stream().map(f -> f.entry().menuLine()).toList();
    }

    @Test
    void qubesXenMultiboot2WithModulesAndNestedSubmenus() {
        BootFixtures.copy("qubes", boot, "xen-4.17.5.gz", "vmlinuz-6.6.77-1.qubes.fc37.x86_64",
                "initramfs-6.6.77-1.qubes.fc37.x86_64.img", "vmlinuz-6.1.128-1.qubes.fc37.x86_64",
                "initramfs-6.1.128-1.qubes.fc37.x86_64.img");
        String xenArgs = "placeholder console=none dom0_mem=min:1024M dom0_mem=max:4096M ucode=scan smt=off"
                + " gnttab_max_frames=2048 gnttab_max_maptrack_frames=4096";
        String dom0 = "placeholder root=/dev/mapper/qubes_dom0-root ro rd.luks.uuid=luks-6a1f2c8e-3b7d-4a5e-9c2f-1e8d7b6a5c43"
                + " rd.lvm.lv=qubes_dom0/root rd.lvm.lv=qubes_dom0/swap plymouth.ignore-serial-consoles"
                + " 6.6.77-1.qubes.fc37.x86_64 x86_64 rhgb quiet";
        assertThat(menuLines()).containsExactly(
                "Qubes, with Xen hypervisor|xen|kernel /xen-4.17.5.gz " + xenArgs
                        + "|module /vmlinuz-6.6.77-1.qubes.fc37.x86_64 " + dom0
                        + "|module /initramfs-6.6.77-1.qubes.fc37.x86_64.img",
                "Qubes, with Xen 4.17.5 and Linux 6.6.77-1.qubes.fc37.x86_64|xen|kernel /xen-4.17.5.gz " + xenArgs
                        + "|module /vmlinuz-6.6.77-1.qubes.fc37.x86_64 " + dom0
                        + "|module /initramfs-6.6.77-1.qubes.fc37.x86_64.img",
                "Qubes, with Xen 4.17.5 and Linux 6.1.128-1.qubes.fc37.x86_64|xen|kernel /xen-4.17.5.gz"
                        + " placeholder console=none dom0_mem=min:1024M dom0_mem=max:4096M ucode=scan smt=off"
                        + "|module /vmlinuz-6.1.128-1.qubes.fc37.x86_64 placeholder root=/dev/mapper/qubes_dom0-root ro rhgb quiet"
                        + "|module /initramfs-6.1.128-1.qubes.fc37.x86_64.img");
        FoundEntry nested = scan().get(1);
        assertThat(nested.submenu()).contains("Xen hypervisor, version 4.17.5");
        assertThat(nested.config()).isEqualTo("/grub2/grub.cfg");
        assertThat(nested.entry()).isInstanceOf(MultibootEntry.class);
        assertThat(nested.entry().files()).containsExactly("/xen-4.17.5.gz", "/vmlinuz-6.6.77-1.qubes.fc37.x86_64",
                "/initramfs-6.6.77-1.qubes.fc37.x86_64.img");
    }

    @Test
    void debianSubmenusVariablesDevicePrefixesAndSeveralInitrds() {
        BootFixtures.copy("debian", boot, "vmlinuz-6.1.0-28-amd64", "initrd.img-6.1.0-28-amd64",
                "vmlinuz-6.1.0-27-amd64", "initrd.img-6.1.0-27-amd64", "intel-ucode.img");
        String root = "root=UUID=0f3c2a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b ro";
        assertThat(menuLines()).containsExactly(
                "Debian GNU/Linux|elf|kernel /vmlinuz-6.1.0-28-amd64|initrd /initrd.img-6.1.0-28-amd64|append " + root + " quiet",
                "Debian GNU/Linux, with Linux 6.1.0-28-amd64|elf|kernel /vmlinuz-6.1.0-28-amd64"
                        + "|initrd /intel-ucode.img|initrd /initrd.img-6.1.0-28-amd64|append " + root + " quiet",
                "Debian GNU/Linux, with Linux 6.1.0-28-amd64 (recovery mode)|elf|kernel /vmlinuz-6.1.0-28-amd64"
                        + "|initrd /initrd.img-6.1.0-28-amd64|append " + root + " single",
                "Debian GNU/Linux, with Linux 6.1.0-27-amd64|elf|kernel /vmlinuz-6.1.0-27-amd64"
                        + "|initrd /initrd.img-6.1.0-27-amd64|append " + root + " quiet");
        assertThat(scan().get(1).submenu()).contains("Advanced options for Debian GNU/Linux");
        assertThat(scan().getFirst().submenu()).isEmpty();
    }

    @Test
    void fedoraBlsEntriesNewestFirstWithKernelOptionsFromGrubenv() {
        BootFixtures.copy("fedora", boot, "vmlinuz-6.11.4-301.fc41.x86_64", "initramfs-6.11.4-301.fc41.x86_64.img",
                "vmlinuz-6.10.12-200.fc40.x86_64", "initramfs-6.10.12-200.fc40.x86_64.img",
                "vmlinuz-0-rescue-3f1c2b9a8e7d4c6b5a4f3e2d1c0b9a88", "initramfs-0-rescue-3f1c2b9a8e7d4c6b5a4f3e2d1c0b9a88.img");
        String options = "root=UUID=5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d ro rootflags=subvol=root rhgb quiet";
        assertThat(menuLines()).containsExactly(
                "Fedora Linux (6.11.4-301.fc41.x86_64) 41 (Workstation Edition)|elf|kernel /vmlinuz-6.11.4-301.fc41.x86_64"
                        + "|initrd /initramfs-6.11.4-301.fc41.x86_64.img|append " + options,
                "Fedora Linux (6.10.12-200.fc40.x86_64) 40 (Workstation Edition)|elf|kernel /vmlinuz-6.10.12-200.fc40.x86_64"
                        + "|initrd /initramfs-6.10.12-200.fc40.x86_64.img|append " + options,
                "Fedora Linux (0-rescue-3f1c2b9a8e7d4c6b5a4f3e2d1c0b9a88) 41 (Workstation Edition)|elf"
                        + "|kernel /vmlinuz-0-rescue-3f1c2b9a8e7d4c6b5a4f3e2d1c0b9a88"
                        + "|initrd /initramfs-0-rescue-3f1c2b9a8e7d4c6b5a4f3e2d1c0b9a88.img|append " + options);
        assertThat(scan().getFirst().config())
                .isEqualTo("/loader/entries/3f1c2b9a8e7d4c6b5a4f3e2d1c0b9a88-6.11.4-301.fc41.x86_64.conf");
    }

    @Test
    void isolinuxLabelsRelativePathsInitrdInAppendAndXenThroughMboot() {
        BootFixtures.copy("isolinux", boot, "live/vmlinuz", "live/initrd.img", "live/xen.gz",
                "install/vmlinuz", "install/initrd.gz");
        assertThat(menuLines()).containsExactly(
                "Live system (amd64)|elf|kernel /live/vmlinuz|initrd /live/initrd.img|append boot=live components quiet splash",
                "Live system (amd64 fail-safe mode)|elf|kernel /live/vmlinuz|initrd /live/initrd.img"
                        + "|append boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788",
                "Install|elf|kernel /isolinux/../install/vmlinuz|initrd /isolinux/../install/initrd.gz|append vga=788 --- quiet",
                "Live with Xen|xen|kernel /live/xen.gz dom0_mem=2048M|module /live/vmlinuz boot=live components"
                        + "|module /live/initrd.img");
    }

    @Test
    void entriesWhoseKernelIsMissingAreNotListed() {
        BootFixtures.copy("debian", boot, "initrd.img-6.1.0-28-amd64");
        assertThat(menuLines()).isEmpty();
    }

    @Test
    void menuLinesReadBackToTheSameEntry() {
        BootFixtures.copy("qubes", boot, "xen-4.17.5.gz", "vmlinuz-6.6.77-1.qubes.fc37.x86_64",
                "initramfs-6.6.77-1.qubes.fc37.x86_64.img");
        BootEntry entry = scan().getFirst().entry();
        assertThat(MenuLine.parse(entry.menuLine())).isEqualTo(entry);
        LinuxEntry linux = new LinuxEntry("Debian", "/vmlinuz", List.of("/a.img", "/b.img"), "ro quiet");
        assertThat(MenuLine.parse(linux.menuLine())).isEqualTo(linux);
    }

    @Test
    void malformedMenuLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> MenuLine.parse("just a name")).hasMessageContaining("not a boot menu line");
        assertThatThrownBy(() -> MenuLine.parse("n|efi|kernel /k")).hasMessageContaining("unknown kexec type 'efi'");
        assertThatThrownBy(() -> MenuLine.parse("n|elf|kernel /k|bogus x")).hasMessageContaining("unknown part 'bogus'");
    }
}
