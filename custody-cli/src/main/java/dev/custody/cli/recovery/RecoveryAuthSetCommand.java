package dev.custody.cli.recovery;

import dev.custody.common.Secret;
import dev.custody.machine.recovery.PassphraseHash;
import dev.custody.machine.recovery.RecoveryAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Require a recovery passphrase (--passphrase-file) or the owner's OpenPGP key (--gpg) before the",
            "recovery shell and the forced boot. The firmware's config.user is changed through the safe flash path",
            "and the TOTP secret is resealed to the predicted measurements, so it survives the change.",
            "Only a salted PBKDF2-HMAC-SHA256 hash (" + PassphraseHash.ITERATIONS + " iterations) of the passphrase is stored."})
public final class RecoveryAuthSetCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1") Mode mode;

    static final class Mode {
        @Option(names = "--passphrase-file", paramLabel = "F", required = true,
                description = "The new recovery passphrase, " + PassphraseHash.MIN_LENGTH + "-" + PassphraseHash.MAX_LENGTH + " characters.")
        Path passphrase;

        @Option(names = "--gpg", required = true, description = "Signatures by a key in the firmware's keyring instead.") boolean gpg;
    }

    @Mixin RecoveryAuthChange change;

    @Override
    public Integer call() {
        RecoveryAuth auth;
        if (mode.gpg) {
            auth = new RecoveryAuth.OpenPgp();
        } else {
            try (Secret passphrase = Secret.readFile(mode.passphrase)) {
                auth = new RecoveryAuth.Passphrase(PassphraseHash.create(passphrase));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the passphrase file " + mode.passphrase, e);
            }
        }
        return change.apply(auth);
    }
}
