package dev.custody.cli.seals;

import picocli.CommandLine.Command;

@Command(name = "seals", mixinStandardHelpOptions = true,
        description = {"Tamper-evident seals: photos of the glitter nail polish over the case screws.",
            "Enrol a reference photo once, then compare each new photo with it: Custody aligns the two,",
            "allows for lighting and sparkle, and says intact, tampered or cannot-verify, with the evidence."},
        subcommands = {EnrollCommand.class, CheckCommand.class, CompareCommand.class, ListCommand.class})
public final class SealsCommand {}
