package dev.custody.cli.attest;

import picocli.CommandLine.Command;

@Command(name = "attest", mixinStandardHelpOptions = true,
        description = {"Report this machine's measured boot to a Custody fleet server, and set what it should measure.",
            "enroll proves the machine's attestation key lives in its TPM; push sends a fresh quote and the event log;",
            "reference tells the server what a machine must measure to be trusted."},
        subcommands = {EnrollCommand.class, PushCommand.class, ReferenceCommand.class})
public final class AttestCommand {}
