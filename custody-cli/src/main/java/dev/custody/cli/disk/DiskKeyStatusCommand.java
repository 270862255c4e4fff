package dev.custody.cli.disk;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.machine.DiskKeyStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether a disk unlock key is set up: the seal, the devices with keyslot 31, and whether",
            "the LUKS headers still match /boot/kexec_lukshdr_hash.txt. Measures nothing into the TPM."})
public final class DiskKeyStatusCommand implements Callable<Integer> {
    @Mixin MachineOptions machineOptions;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        DiskKeyStatus status = DiskKeyStatus.of(machineOptions.resolve());
        json.print(status.toJson(), String.join("\n", status.lines()));
        return 0;
    }
}
