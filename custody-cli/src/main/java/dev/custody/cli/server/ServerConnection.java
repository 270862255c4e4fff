package dev.custody.cli.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How an admin command reaches a server: its URL, the certificate fingerprint to pin, the admin token. */
public final class ServerConnection {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. https://fleet.example.org:8443.")
    public String server;

    @Option(names = "--fingerprint", required = true, paramLabel = "FPR",
            description = "The SHA-256 fingerprint of the server's certificate, as 'server init' printed it.")
    public String fingerprint;

    @ArgGroup(multiplicity = "1") Token token;

    static final class Token {
        @Option(names = "--token", paramLabel = "TOKEN", description = "The admin token (the contents of the server's admin-token file).")
        String value;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the admin token from FILE.") Path file;
    }

    public String token() {
        if (token.value != null) {
            return token.value.strip();
        }
        try {
            return Files.readString(token.file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token from " + token.file, e);
        }
    }
}
