package dev.custody.cli.lab;

import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabCreator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a lab machine in DIR (a new or empty folder).",
            "DIR/rom.bin: FMAP and CBFS with bootblock, romstage, ramstage, payload, config, revision and",
            "Heads' config.user; DIR/boot: a Qubes-style /boot with Xen; DIR/disk.img: LUKS2, its recovery",
            "passphrase in DIR/disk-recovery-passphrase (mode 0600, lab only); DIR/tpm: the virtual TPM."})
final class LabCreateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path directory;

    @Override
    public Integer call() {
        LabMachine lab = LabCreator.create(directory);
        System.out.println("Created a lab machine in " + lab.directory() + ".");
        System.out.println("Next: custody lab power-on " + directory);
        return 0;
    }
}
