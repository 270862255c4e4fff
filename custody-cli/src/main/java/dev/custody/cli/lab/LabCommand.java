package dev.custody.cli.lab;

import picocli.CommandLine.Command;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"A virtual machine in a folder, to try, learn and demonstrate Custody.",
            "It has a software TPM, a coreboot-style ROM, a /boot tree and a LUKS2 disk image.",
            "Other commands act on it with --machine DIR."})
public final class LabCommand {}
