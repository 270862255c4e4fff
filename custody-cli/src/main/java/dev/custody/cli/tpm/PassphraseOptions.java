package dev.custody.cli.tpm;

import dev.custody.common.Secret;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The hierarchy passphrases some commands need; each is read from a file, never from the command line. */
public final class PassphraseOptions {
    private PassphraseOptions() {}

    public static final class Owner {
        @Option(names = "--owner-auth-file", paramLabel = "F", description = "The TPM owner passphrase, if one is set.")
        Path file;

        public Secret read() {
            return SecretFiles.passphrase(file);
        }
    }

    static final class Lockout {
        @Option(names = "--lockout-auth-file", paramLabel = "F", description = "The lockout passphrase, if one is set.")
        Path file;

        Secret read() {
            return SecretFiles.passphrase(file);
        }
    }
}
