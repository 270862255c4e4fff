package dev.custody.cli.own;

import picocli.CommandLine.Command;

@Command(name = "own", mixinStandardHelpOptions = true,
        description = {"Ownership of a machine: the OEM factory reset / re-ownership wizard, and the",
            "hand-off of a prepared machine to a new owner, who checks it and then takes it over."},
        subcommands = {OwnResetCommand.class, OwnHandoffCommand.class, OwnReceiveCommand.class})
public final class OwnCommand {}
