package dev.custody.openpgp;

import dev.custody.common.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A new key pair, armored: the passphrase-protected secret key and the public key for the firmware. */
public record GeneratedKey(String fingerprint, String armoredSecretKey, String armoredPublicKey) {

    /** Refuses to overwrite an existing key: a key lost that way cannot be made again. */
    public static void requireNew(Path secretKey) {
        if (Files.exists(secretKey)) {
            throw new IllegalArgumentException(secretKey + " already exists; Custody does not overwrite keys");
        }
    }

    /** Writes the secret key readable by its owner only, and the public key readable by all, each atomically. */
    public void write(Path secretKey, Path publicKey) {
        AtomicFiles.writePrivate(secretKey, armoredSecretKey.getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeString(publicKey, armoredPublicKey);
        // The public key is meant to be shared; temp files start out private.
        try {
            Files.setPosixFilePermissions(publicKey, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + publicKey + " readable", e);
        }
    }
}
