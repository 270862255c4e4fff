package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabCreator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a lab machine in DIR (a new or empty folder).",
            "DIR/rom.bin: FMAP and CBFS with bootblock, romstage, ramstage, payload, config, revision and",
            "Heads' config.user; DIR/boot: a Qubes-style /boot with Xen; DIR/disk.img: LUKS2, its recovery",
            "passphrase in DIR/disk-recovery-passphrase (mode 0600, lab only); DIR/tpm: the virtual TPM."})
final class LabCreateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path directory;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        LabMachine lab = LabCreator.create(directory);
        output.print(JsonOutput.object("directory", lab.directory().toString(), "rom", lab.rom().toString(),
                        "boot", lab.bootDirectory().toString(), "disk", lab.disk().toString(), "eventLog", lab.eventLog().toString()),
                "Created a lab machine in " + lab.directory() + ".\nNext: custody lab power-on " + directory);
        return 0;
    }
}
