package dev.custody.cli.tpm;

import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import java.nio.file.Path;

/** Passphrases and secrets as the CLI reads and writes them. */
final class SecretFiles {
    private SecretFiles() {}

    /** A passphrase file, or the empty passphrase when none is given. */
    static Secret passphrase(Path file) {
        return file == null ? Secret.empty() : Secret.readPassphraseFile(file);
    }

    /** Writes a secret readable only by its owner, or to standard output for "-". */
    static void write(Path file, Secret secret) {
        if (file.toString().equals("-")) {
            System.out.write(secret.bytes(), 0, secret.length());
            System.out.flush();
        } else {
            AtomicFiles.writePrivate(file, secret.bytes());
        }
    }
}
