package dev.custody.tpm.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * The kernel's random bytes (/dev/urandom, which is what the JDK's default generator reads on
 * Linux too) without the JDK's provider machinery: the first {@code new SecureRandom()} of a
 * process initialises every JCA provider, ~12 ms of a TOTP at boot. Where /dev/urandom cannot be
 * read, the JDK's generator serves.
 */
final class SystemRandom extends SecureRandomSpi {
    private static final Path URANDOM = Path.of("/dev/urandom");

    private SystemRandom() {}

    static SecureRandom create() {
        return Files.isReadable(URANDOM) ? new SecureRandom(new SystemRandom(), null) {} : new SecureRandom();
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
        // The kernel mixes its own entropy; a caller's seed adds nothing to it.
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
        try (InputStream in = Files.newInputStream(URANDOM)) {
            int done = 0;
            while (done < bytes.length) {
                int read = in.read(bytes, done, bytes.length - done);
                if (read < 0) {
                    throw new IOException("/dev/urandom ended");
                }
                done += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read random bytes from " + URANDOM, e);
        }
    }

    @Override
    protected byte[] engineGenerateSeed(int length) {
        byte[] seed = new byte[length];
        engineNextBytes(seed);
        return seed;
    }
}
