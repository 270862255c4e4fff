package dev.custody.cli;

import dev.custody.cli.tpm.TpmOptions;
import dev.custody.machine.HostMachine;
import dev.custody.machine.Machine;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --machine DIR} for a lab machine; otherwise this computer, with {@code --tpm} to pick its TPM. */
public final class MachineOptions {
    @Mixin LabMachineOption lab;

    @Option(names = "--boot", paramLabel = "DIR", description = "This computer's /boot (default: /boot).") Path boot;

    @Mixin TpmOptions tpmOptions;

    public Machine resolve() {
        return lab.machine().orElseGet(() -> {
            TpmSpec tpm = tpmOptions.resolve();
            return new HostMachine(tpm, SealRecords.stateDirectory(tpm, tpmOptions.stateDirectory()),
                    boot != null ? boot : Path.of("/boot"));
        });
    }
}
