package dev.custody.firmware;

import dev.custody.common.Libcrypto;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the digest of every measurement Custody predicts and every blob it lists. */
public final class Sha256 {
    public static final int LENGTH = 32;

    private Sha256() {}

    public static byte[] of(byte[]... parts) {
        if (parts.length == 1) {
            return of(parts[0], 0, parts[0].length);
        }
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** Through libcrypto where this JVM can call it (at boot, the JDK's own runs interpreted first), else the JDK's. */
    public static byte[] of(byte[] bytes, int offset, int length) {
        if (Libcrypto.sha256().isPresent()) {
            return Libcrypto.sha256().get().digest(bytes, offset, length);
        }
        MessageDigest digest = newDigest();
        digest.update(bytes, offset, length);
        return digest.digest();
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
