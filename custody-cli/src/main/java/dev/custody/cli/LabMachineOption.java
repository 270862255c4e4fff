package dev.custody.cli;

import dev.custody.machine.LabMachine;
import dev.custody.machine.Machine;
import dev.custody.machine.QemuMachine;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --machine DIR}, the same on every command: the lab machine in DIR (simulated or QEMU) instead of this computer. */
public final class LabMachineOption {
    @Option(names = "--machine", paramLabel = "DIR", description = "Act on the lab machine in DIR (simulated or QEMU) instead of this computer.")
    Path directory;

    /** The machine in DIR, of whichever kind it is; empty without --machine. */
    public Optional<Machine> machine() {
        return Optional.ofNullable(directory).map(dir -> QemuMachine.isOne(dir) ? QemuMachine.existing(dir) : LabMachine.existing(dir));
    }

    /** The simulated lab machine in DIR, for what only it has (its firmware file, its state folder). */
    public Optional<LabMachine> lab() {
        return Optional.ofNullable(directory).map(LabMachine::existing);
    }

    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }
}
