package dev.custody.common;

import java.util.Optional;

/**
 * OpenSSL's libcrypto where this JVM can call it: Java 22 or newer (the FFM API), native access
 * granted to this module (the launcher's {@code --enable-native-access}), and libcrypto 3 installed.
 * Boot-time commands start a fresh JVM whose own SHA-256 reaches the CPU's SHA extensions only once
 * C2 has compiled it; libcrypto uses them from the first byte.
 */
public final class Libcrypto {
    private static final Optional<Sha256Digester> SHA256 = load();

    private Libcrypto() {}

    /** libcrypto's SHA-256, or empty: then the JDK's, which gives the same digests. */
    public static Optional<Sha256Digester> sha256() {
        return SHA256;
    }

    /** By name, because LibcryptoSha256 is compiled for Java 22 and this module for 21: on 21 it does not load. */
    private static Optional<Sha256Digester> load() {
        try {
            return Optional.of((Sha256Digester) Class.forName("dev.custody.common.LibcryptoSha256").getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
