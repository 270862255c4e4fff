package dev.custody.seals.store;

import dev.custody.common.AtomicFiles;
import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.GpgSigner;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys of the key files (--key) the user enrolled seals with, kept in the user's
 * configuration folder, apart from the reference store. It is trusted as ~/.gnupg is: whoever can
 * write the user's home can change either, while swapping a stored reference is not enough.
 */
public record SealSigners(Path directory) {
    public static SealSigners ofUser(Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config");
        return new SealSigners(base.resolve("custody").resolve("seal-signers"));
    }

    /**
     * GnuPG as the signer of a reference when no key file is given: {@code localUser}'s key, else
     * the default secret key of {@code home} ($GNUPGHOME or ~/.gnupg when empty), which must exist.
     */
    public static Signer gnupg(Optional<Path> home, Optional<String> localUser, Map<String, String> env) {
        Path gnupg = home.orElseGet(() -> GnupgHome.of(env));
        if (localUser.isEmpty() && GnupgHome.defaultSecretKey(gnupg).isEmpty()) {
            throw new IllegalArgumentException("no --key given and GnuPG (" + gnupg + ") has no secret key to sign with; "
                    + "pass --key KEY.asc, or make one with: custody key generate --uid \"You <you@example.org>\" "
                    + "--out KEY.asc --public PUB.asc");
        }
        return new GpgSigner(gnupg, localUser);
    }

    public void remember(String fingerprint, String armoredPublicKey) {
        AtomicFiles.writeString(directory.resolve(fingerprint + ".asc"), armoredPublicKey);
    }

    /** Every remembered key, or empty when there are none. */
    public Optional<Keyring> keyring() {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Keyring> keys = files.filter(f -> f.getFileName().toString().endsWith(".asc")).sorted()
                    .map(Keyring::load).toList();
            return keys.isEmpty() ? Optional.empty() : Optional.of(Keyring.combine(keys));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
    }
}
