package dev.custody.cli.lab;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.LabMachine;
import dev.custody.machine.QemuMachine;
import dev.custody.machine.qemu.QemuTamper;
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
            "(the disk's LUKS header: the disk unlock key is refused).",
            "On a QEMU machine: secureboot (Secure Boot off in the vars, ovmf-secureboot: PCR 7), firmware (another",
            "OVMF build: PCR 0), kernel (bytes appended to the kernel, which still boots: its Authenticode digest in",
            "PCR 4 changes; SeaBIOS does not measure the kernel), bootorder (the disk first in QEMU's fw_cfg",
            "bootorder: PCR 1) and luks-header."})
public final class LabTamperCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path directory;

    @Option(names = "--what", required = true, paramLabel = "KIND") Tamper what;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        if (QemuMachine.isOne(directory)) {
            QemuTamper.apply(QemuMachine.existing(directory), what);
        } else {
            what.apply(LabMachine.existing(directory));
        }
        output.print(JsonOutput.object("tampered", what.label(), "description", what.description()),
                "Tampered: " + what.description() + ".");
        return 0;
    }
}
