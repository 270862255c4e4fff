package dev.custody.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Secret bytes (a sealed seed, a passphrase, an unsealed key) that are wiped when closed.
 * {@link #toString()} never shows the content, so a secret cannot end up in a log by accident.
 */
public final class Secret implements AutoCloseable {
    private final byte[] bytes;
    private boolean wiped;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not keep or reuse the array. */
    public static Secret adopt(byte[] bytes) {
        return new Secret(bytes);
    }

    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    public static Secret empty() {
        return new Secret(new byte[0]);
    }

    /**
     * Reads a passphrase or secret file. One trailing newline is dropped, because files written
     * with {@code echo} carry one that nobody means as part of the passphrase.
     */
    public static Secret readFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int length = content.length;
        if (length > 0 && content[length - 1] == '\n') {
            length--;
        }
        Secret secret = new Secret(Arrays.copyOf(content, length));
        Arrays.fill(content, (byte) 0);
        return secret;
    }

    /** Data to seal, byte for byte (no newline is dropped: it may be part of a key), failing in one line that names the file. */
    public static Secret readData(Path file) {
        try {
            return adopt(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@link #readFile} of a passphrase file, failing in one line that names the file. */
    public static Secret readPassphraseFile(Path file) {
        try {
            return readFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passphrase file " + file, e);
        }
    }

    /** A view of the bytes that stays valid until {@link #close()}; callers must not keep it. */
    public byte[] bytes() {
        if (wiped) {
            throw new IllegalStateException("secret used after it was wiped");
        }
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes]";
    }
}
