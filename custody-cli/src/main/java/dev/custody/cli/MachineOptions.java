package dev.custody.cli;

import dev.custody.cli.tpm.TpmOptions;
import dev.custody.machine.HostMachine;
import dev.custody.machine.LabMachine;
import dev.custody.machine.Machine;
import dev.custody.machine.QemuMachine;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --machine DIR} for a lab machine; otherwise this computer, with {@code --tpm} to pick its TPM. */
public final class MachineOptions {
    @Option(names = "--machine", paramLabel = "DIR", description = "Act on the lab machine in DIR (simulated or QEMU) instead of this computer.")
    Path lab;

    @Option(names = "--boot", paramLabel = "DIR", description = "This computer's /boot (default: /boot).")
    Path boot;

    @Mixin
    TpmOptions tpmOptions;

    public Machine resolve() {
        if (lab != null) {
            return QemuMachine.isOne(lab) ? QemuMachine.existing(lab) : LabMachine.existing(lab);
        }
        TpmSpec tpm = tpmOptions.resolve();
        return new HostMachine(tpm, SealRecords.stateDirectory(tpm, tpmOptions.stateDirectory()),
                boot != null ? boot : Path.of("/boot"));
    }
}
