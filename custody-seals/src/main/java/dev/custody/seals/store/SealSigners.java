package dev.custody.seals.store;

import dev.custody.common.AtomicFiles;
import dev.custody.openpgp.Keyring;
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
