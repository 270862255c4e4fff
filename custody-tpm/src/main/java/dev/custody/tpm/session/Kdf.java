package dev.custody.tpm.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** KDFa from TPM 2.0 Part 1, section 11.4.10.2: counter-mode HMAC-SHA-256 key derivation. */
public final class Kdf {
    private Kdf() {}

    public static byte[] kdfa(byte[] key, String label, byte[] contextU, byte[] contextV, int bits) {
        byte[] labelBytes = (label + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[(bits + 7) / 8];
        int produced = 0;
        for (int counter = 1; produced < out.length; counter++) {
            byte[] block = hmacSha256(key, ByteBuffer.allocate(4).putInt(counter).array(), labelBytes,
                    contextU, contextV, ByteBuffer.allocate(4).putInt(bits).array());
            int take = Math.min(block.length, out.length - produced);
            System.arraycopy(block, 0, out, produced, take);
            produced += take;
            Arrays.fill(block, (byte) 0);
        }
        return out;
    }

    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty HMAC key is legal for the TPM but not for SecretKeySpec; HMAC pads keys
            // with zeros to the block size, so a single zero byte gives the same result.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing from this Java runtime", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
