package dev.custody.cli.key;

import dev.custody.common.Secret;
import dev.custody.openpgp.GpgSigner;
import dev.custody.openpgp.Signer;
import dev.custody.openpgp.SoftwareSigner;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which OpenPGP key signs, given the same way to every command that signs (boot sign, seals
 * enroll, own handoff): a key file made by {@code custody key generate}, or GnuPG, whose agent
 * also reaches smartcards. Each command decides what signs when neither is given.
 */
public final class SigningKeyOptions {
    @ArgGroup(exclusive = true) Source source = new Source();

    static final class Source {
        @Option(names = "--key", paramLabel = "KEY.asc", description = "A secret key file (custody key generate).") Path keyFile;

        @Option(names = "--gpg-home", paramLabel = "DIR", description = "Sign with gpg using this GNUPGHOME (smartcards).") Path gpgHome;
    }

    @Option(names = "--passphrase-file", paramLabel = "F", description = "The --key passphrase, instead of asking.") Path passphraseFile;

    @Option(names = "--local-user", paramLabel = "ID", description = "Which gpg key signs (with gpg).") String localUser;

    public Optional<Path> keyFile() {
        return Optional.ofNullable(source.keyFile);
    }

    public Optional<Path> gpgHome() {
        return Optional.ofNullable(source.gpgHome);
    }

    public Optional<Path> passphraseFile() {
        return Optional.ofNullable(passphraseFile);
    }

    public Optional<String> localUser() {
        return Optional.ofNullable(localUser);
    }

    /** The key file's signer, its passphrase from --passphrase-file or asked on the terminal. */
    public static Signer unlock(Path keyFile, Optional<Path> passphraseFile) {
        try (Secret passphrase = Passphrases.read(passphraseFile.orElse(null), "Passphrase for " + keyFile, false)) {
            return SoftwareSigner.unlock(keyFile, passphrase);
        }
    }

    /** The signer the options name, if they name one. */
    public Optional<Signer> chosen() {
        if (source.keyFile != null) {
            return Optional.of(unlock(source.keyFile, passphraseFile()));
        }
        if (source.gpgHome != null) {
            return Optional.of(new GpgSigner(source.gpgHome, localUser()));
        }
        return Optional.empty();
    }
}
