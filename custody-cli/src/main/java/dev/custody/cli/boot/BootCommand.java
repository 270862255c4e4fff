package dev.custody.cli.boot;

import picocli.CommandLine.Command;

@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Sign, verify and boot /boot the way Heads does, in Heads' formats.",
            "List entries, sign, verify, show changes, plan the kexec."})
public final class BootCommand {}
