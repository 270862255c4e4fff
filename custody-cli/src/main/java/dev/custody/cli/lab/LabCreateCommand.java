package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.qemu.QemuCreator;
import dev.custody.machine.qemu.QemuFirmware;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a lab machine in DIR (a new or empty folder).",
            "Without --firmware it is simulated: DIR/rom.bin: FMAP and CBFS with bootblock, romstage, ramstage,",
            "payload, config, revision and Heads' config.user; DIR/boot: a Qubes-style /boot with Xen; DIR/disk.img:",
            "LUKS2, its recovery passphrase in DIR/disk-recovery-passphrase (mode 0600, lab only); DIR/tpm: the",
            "virtual TPM. With --tpm-version 1.2 the TPM is a TPM 1.2 as a ThinkPad x230 or T430 leaves the factory",
            "(endorsement key, no owner, physical presence by command), measured with SHA-1 at power-on.",
            "With --firmware the machine really boots under QEMU: DIR holds the firmware code and a copy of its",
            "vars, a Debian kernel (/boot/vmlinuz-*), the guest initramfs with Custody (built by mkinitramfs from",
            "--package-root, or copied from --initrd), a LUKS2 disk.img, the swtpm state and qemu-machine.json.",
            "Creating it boots it once (about 30 s under TCG): the log of that boot is what 'custody totp seal'",
            "and 'custody disk-key seal --machine DIR' seal to, for the next power-on."})
public final class LabCreateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path directory;

    @Option(names = "--tpm-version", paramLabel = "VERSION", defaultValue = "2.0",
            description = "The TPM family: 2.0 (default) or 1.2.")
    String tpmVersion;

    @Option(names = "--firmware", paramLabel = "KIND",
            description = "Boot under QEMU with ovmf, ovmf-secureboot (Microsoft's keys enrolled) or seabios.")
    String firmware;

    @Option(names = "--package-root", paramLabel = "ROOT", defaultValue = "/",
            description = "Where Custody's package is installed, for the guest initramfs (default: /; bin/package --root DIR makes one).")
    Path packageRoot;

    @Option(names = "--initrd", paramLabel = "FILE", description = "Use this guest initramfs instead of building one.") Path initrd;

    @Option(names = "--kernel", paramLabel = "FILE", description = "The guest kernel (default: the newest /boot/vmlinuz-*).") Path kernel;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Stop the first boot after this long (default: 300).")
    long timeoutSeconds;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        if (firmware != null) {
            return createQemu();
        }
        LabMachine lab = LabCreator.create(directory, tpmVersion);
        output.print(JsonOutput.object("directory", lab.directory().toString(), "rom", lab.rom().toString(),
                        "boot", lab.bootDirectory().toString(), "disk", lab.disk().toString(), "eventLog", lab.eventLog().toString(),
                        "tpmFamily", lab.tpmFamily()),
                "Created a lab machine with a TPM " + lab.tpmFamily() + " in " + lab.directory()
                        + ".\nNext: custody lab power-on " + directory);
        return 0;
    }

    private int createQemu() {
        QemuCreator.Initramfs source = initrd != null ? new QemuCreator.Initramfs.Image(initrd)
                : new QemuCreator.Initramfs.FromPackage(packageRoot);
        QemuCreator.Created created = QemuCreator.create(directory, QemuFirmware.parse(firmware), tpmVersion, source,
                Optional.ofNullable(kernel), Duration.ofSeconds(timeoutSeconds));
        output.print(created.toJson(firmware, tpmVersion), created.text(directory, firmware, tpmVersion));
        return created.firstBoot().eventLog().isPresent() ? 0 : 1;
    }
}
