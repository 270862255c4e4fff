package dev.custody.tpm.session;

import dev.custody.tpm.Hmac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** KDFa from TPM 2.0 Part 1, section 11.4.10.2: counter-mode HMAC-SHA-256 key derivation. */
public final class Kdf {
    private Kdf() {}

    public static byte[] kdfa(byte[] key, String label, byte[] contextU, byte[] contextV, int bits) {
        byte[] labelBytes = (label + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[(bits + 7) / 8];
        int produced = 0;
        for (int counter = 1; produced < out.length; counter++) {
            byte[] block = Hmac.sha256(key, ByteBuffer.allocate(4).putInt(counter).array(), labelBytes,
                    contextU, contextV, ByteBuffer.allocate(4).putInt(bits).array());
            int take = Math.min(block.length, out.length - produced);
            System.arraycopy(block, 0, out, produced, take);
            produced += take;
            Arrays.fill(block, (byte) 0);
        }
        return out;
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
