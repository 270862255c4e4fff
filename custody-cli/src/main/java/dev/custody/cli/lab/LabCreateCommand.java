package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabCreator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a lab machine in DIR (a new or empty folder).",
            "DIR/rom.bin: FMAP and CBFS with bootblock, romstage, ramstage, payload, config, revision and",
            "Heads' config.user; DIR/boot: a Qubes-style /boot with Xen; DIR/disk.img: LUKS2, its recovery",
            "passphrase in DIR/disk-recovery-passphrase (mode 0600, lab only); DIR/tpm: the virtual TPM.",
            "With --tpm-version 1.2 the TPM is a TPM 1.2 as a ThinkPad x230 or T430 leaves the factory",
            "(endorsement key, no owner, physical presence by command), measured with SHA-1 at power-on."})
final class LabCreateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path directory;

    @Option(names = "--tpm-version", paramLabel = "VERSION", defaultValue = "2.0",
            description = "The TPM family: 2.0 (default) or 1.2.")
    String tpmVersion;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        LabMachine lab = LabCreator.create(directory, tpmVersion);
        output.print(JsonOutput.object("directory", lab.directory().toString(), "rom", lab.rom().toString(),
                        "boot", lab.bootDirectory().toString(), "disk", lab.disk().toString(), "eventLog", lab.eventLog().toString(),
                        "tpmFamily", lab.tpmFamily()),
                "Created a lab machine with a TPM " + lab.tpmFamily() + " in " + lab.directory()
                        + ".\nNext: custody lab power-on " + directory);
        return 0;
    }
}
