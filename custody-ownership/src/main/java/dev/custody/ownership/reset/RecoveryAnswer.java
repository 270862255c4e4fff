package dev.custody.ownership.reset;

import dev.custody.common.Secret;
import dev.custody.machine.recovery.PassphraseHash;
import dev.custody.machine.recovery.RecoveryAuth;

/** The answers {@code recoveryAuth} (passphrase, gpg, none) and {@code recoveryPassphrase}. */
public sealed interface RecoveryAnswer extends AutoCloseable {
    record None() implements RecoveryAnswer {}

    record Passphrase(Secret passphrase) implements RecoveryAnswer {}

    record Gpg() implements RecoveryAnswer {}

    static RecoveryAnswer of(String mode, java.util.Optional<Secret> passphrase) {
        RecoveryAnswer answer = switch (mode) {
            case "none" -> new None();
            case "gpg" -> new Gpg();
            case "passphrase" -> new Passphrase(passphrase.orElseThrow(() -> new IllegalArgumentException(
                    "recoveryPassphrase: missing, and recoveryAuth is passphrase")));
            default -> throw new IllegalArgumentException("recoveryAuth: must be passphrase, gpg or none");
        };
        if (!(answer instanceof Passphrase) && passphrase.isPresent()) {
            throw new IllegalArgumentException("recoveryPassphrase: given, but recoveryAuth is not passphrase");
        }
        if (answer instanceof Passphrase p) {
            try {
                PassphraseHash.checkNew(p.passphrase());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("recoveryPassphrase: " + e.getMessage());
            }
        }
        return answer;
    }

    default String mode() {
        return switch (this) {
            case None n -> "none";
            case Passphrase p -> "passphrase";
            case Gpg g -> "gpg";
        };
    }

    /** The setting for the firmware's config.user; a passphrase is hashed here, with a new salt. */
    default RecoveryAuth setting() {
        return switch (this) {
            case None n -> new RecoveryAuth.None();
            case Passphrase p -> new RecoveryAuth.Passphrase(PassphraseHash.create(p.passphrase()));
            case Gpg g -> new RecoveryAuth.OpenPgp();
        };
    }

    @Override
    default void close() {
        if (this instanceof Passphrase p) {
            p.passphrase().close();
        }
    }
}
