package dev.custody.cli.tpm;

import dev.custody.common.Secret;
import dev.custody.tpm.Tpm;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The hierarchy passphrases some commands need; each is read from a file, never from the command line. */
public final class PassphraseOptions {
    private PassphraseOptions() {}

    public static final class Owner extends FromFile {
        @Option(names = "--owner-auth-file", paramLabel = "F", description = "The TPM owner passphrase, if one is set.") Path file;

        @Override
        Path file() {
            return file;
        }
    }

    static final class Lockout extends FromFile {
        @Option(names = "--lockout-auth-file", paramLabel = "F", description = "The lockout passphrase, if one is set.") Path file;

        @Override
        Path file() {
            return file;
        }
    }

    /** The TPM and its lockout passphrase, for what only the lockout hierarchy may do. */
    static final class LockoutStep {
        @Mixin TpmOptions tpmOptions;

        @Mixin Lockout lockoutAuth;

        void run(BiConsumer<Tpm, Secret> step) {
            lockoutAuth.withTpm(tpmOptions::open, step);
        }
    }

    /** A passphrase read from the file its option names; none without the option. */
    abstract static class FromFile {
        abstract Path file();

        public Secret read() {
            return SecretFiles.passphrase(file());
        }

        /**
         * Runs {@code action} on the TPM with this passphrase. The passphrase is read first, so that an
         * unreadable file fails before the TPM is opened; the TPM is closed before the passphrase is wiped.
         */
        void withTpm(Supplier<Tpm> opener, BiConsumer<Tpm, Secret> action) {
            try (Secret passphrase = read(); Tpm tpm = opener.get()) {
                action.accept(tpm, passphrase);
            }
        }
    }
}
