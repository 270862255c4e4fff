package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.Tamper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tamper", mixinStandardHelpOptions = true,
        description = {"Make one realistic change to the lab machine, as an attacker might.",
            "KIND: rom, keyring, config (firmware: PCR 2 or 7); kernel, initrd, grub, add-file, rollback",
            "(/boot: caught by boot verification); recovery (PCR 4, until the next power-on); luks-header",
            "(the disk's LUKS header: the disk unlock key is refused)."})
final class LabTamperCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path directory;

    @Option(names = "--what", required = true, paramLabel = "KIND")
    Tamper what;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        what.apply(LabMachine.existing(directory));
        output.print(JsonOutput.object("tampered", what.label(), "description", what.description()),
                "Tampered: " + what.description() + ".");
        return 0;
    }
}
