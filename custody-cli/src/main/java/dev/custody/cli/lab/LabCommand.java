package dev.custody.cli.lab;

import dev.custody.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"A virtual machine in a folder, to try, learn and demonstrate Custody.",
            "It has a software TPM, a coreboot-style ROM, a /boot tree and a LUKS2 disk image.",
            "Other commands act on it with --machine DIR."})
public final class LabCommand implements CommandGroup {
    @Override
    public SequencedMap<String, Supplier<Object>> subcommands() {
        SequencedMap<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("demo", LabDemoCommand::new);
        commands.put("create", LabCreateCommand::new);
        commands.put("power-on", LabPowerOnCommand::new);
        commands.put("tamper", LabTamperCommand::new);
        commands.put("install-kernel", LabInstallKernelCommand::new);
        commands.put("status", LabStatusCommand::new);
        commands.put("stop", LabStopCommand::new);
        return commands;
    }
}
