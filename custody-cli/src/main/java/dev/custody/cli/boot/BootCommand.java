package dev.custody.cli.boot;

import picocli.CommandLine.Command;

@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Boot entries and the signed /boot manifest, in Heads' formats:",
            "list entries, sign, verify, show changes, plan the kexec."},
        subcommands = {EntriesCommand.class, SignCommand.class, VerifyCommand.class, ChangesCommand.class, PlanCommand.class,
            RootHashesCommand.class, RecoveryCommand.class})
public final class BootCommand {}
