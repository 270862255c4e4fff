package dev.custody.cli.server;

import picocli.CommandLine.Command;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"A fleet attestation server: machines enrol their TPMs, push quotes of their measured boot,",
            "and the server tells which still boot what they were given (trusted, changed, unknown or silent).",
            "HTTPS only, on an embedded H2 database or PostgreSQL."},
        subcommands = {ServerInitCommand.class, ServerStartCommand.class, ServerStopCommand.class, ServerStatusCommand.class})
public final class ServerCommand {}
