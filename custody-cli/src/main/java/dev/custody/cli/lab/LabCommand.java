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
        commands.put("demo", () -> new LabDemoCommand());
        commands.put("create", () -> new LabCreateCommand());
        commands.put("power-on", () -> new LabPowerOnCommand());
        commands.put("tamper", () -> new LabTamperCommand());
        commands.put("install-kernel", () -> new LabInstallKernelCommand());
        commands.put("status", () -> new LabStatusCommand());
        commands.put("stop", () -> new LabStopCommand());
        return commands;
    }
}
