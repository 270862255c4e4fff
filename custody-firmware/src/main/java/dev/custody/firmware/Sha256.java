package dev.custody.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the digest of every measurement Custody predicts and every blob it lists. */
public final class Sha256 {
    public static final int LENGTH = 32;

    private Sha256() {}

    public static byte[] of(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static byte[] of(byte[] bytes, int offset, int length) {
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
