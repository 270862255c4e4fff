package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.Secret;
import dev.custody.machine.KernelUpdate;
import dev.custody.machine.KernelUpdateJson;
import dev.custody.machine.Machine;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reseal", mixinStandardHelpOptions = true,
        description = {"Before booting a new kernel, predict the PCRs the firmware will produce for it and reseal the TOTP",
            "secret and the disk key to them, keeping both secrets. Exit code 3 when that is impossible (the reason is",
            "printed): then reseal after the reboot."})
public final class ResealCommand implements Callable<Integer> {
    @Option(names = "--kernel", required = true, paramLabel = "FILE", description = "The new kernel (an EFI image) the next boot loads.") Path kernel;

    @Option(names = "--replaces", paramLabel = "FILE",
            description = "The image it replaces, when the log has several boot applications (e.g. the running kernel).")
    Path replaces;

    @Option(names = "--disk-passphrase-file", paramLabel = "F", description = "The disk unlock passphrase, to reseal the disk key too.")
    Path diskPassphrase;

    @Mixin MachineOptions machineOptions;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws Exception {
        Machine machine = machineOptions.resolve();
        KernelUpdate.KernelFile file = KernelUpdate.KernelFile.read(kernel, Optional.ofNullable(replaces));
        KernelUpdate.Outcome outcome;
        try (Secret owner = ownerPassphrase.read();
             Secret disk = diskPassphrase == null ? Secret.empty() : Secret.readFile(diskPassphrase)) {
            outcome = KernelUpdate.updateForKernelFile(machine, file, owner, diskPassphrase == null ? Optional.empty() : Optional.of(disk));
        }
        json.print(KernelUpdateJson.of(kernel, outcome), outcome.text(machine, kernel, "the reboot"));
        return KernelUpdateView.exitCode(outcome);
    }
}
