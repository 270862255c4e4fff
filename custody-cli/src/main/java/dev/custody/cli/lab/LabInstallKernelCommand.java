package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.boot.KernelUpdateView;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.machine.QemuMachine;
import dev.custody.machine.qemu.QemuKernelInstall;
import dev.custody.common.Secret;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install-kernel", mixinStandardHelpOptions = true,
        description = {"Install a new kernel on a QEMU machine the way the package's kernel hook does on a laptop.",
            "First the TOTP secret and the disk key are resealed to the PCRs predicted for the new kernel: the",
            "machine's last exported log (DIR/eventlog.bin) replayed with the Authenticode digest OVMF will measure",
            "for it in PCR 4. Then the kernel replaces DIR/vmlinuz, and the next 'lab power-on DIR' boots it.",
            "It must be of the same release as the machine's kernel (the guest initramfs holds that one's modules).",
            "When the next boot cannot be predicted, or a secret cannot be resealed, the kernel is installed all",
            "the same, the reason is printed and the exit code is 3: seal again after the next power-on.",
            "SeaBIOS does not measure the kernel: nothing is resealed there."})
public final class LabInstallKernelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path directory;

    @Option(names = "--kernel", required = true, paramLabel = "FILE", description = "The new kernel (a Debian vmlinuz with its EFI stub).")
    Path kernel;

    @Option(names = "--disk-passphrase-file", paramLabel = "F",
            description = "The disk unlock passphrase, to reseal the disk key too (the kernel hook has none: without it,"
                    + " the disk key is sealed again after the next power-on).")
    Path diskPassphrase;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput output;

    @Override
    public Integer call() throws Exception {
        QemuMachine machine = QemuMachine.existing(directory);
        QemuKernelInstall.Installed installed;
        try (Secret owner = ownerPassphrase.read();
             Secret disk = diskPassphrase == null ? Secret.empty() : Secret.readFile(diskPassphrase)) {
            installed = QemuKernelInstall.install(machine, kernel, owner, diskPassphrase == null ? Optional.empty() : Optional.of(disk));
        }
        output.print(installed.toJson(kernel), installed.text(machine, kernel, directory));
        return KernelUpdateView.exitCode(installed.update());
    }
}
