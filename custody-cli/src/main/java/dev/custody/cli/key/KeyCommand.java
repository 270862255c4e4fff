package dev.custody.cli.key;

import picocli.CommandLine.Command;

@Command(name = "key", mixinStandardHelpOptions = true,
        description = "OpenPGP keys for signing /boot.",
        subcommands = {GenerateCommand.class})
public final class KeyCommand {}
