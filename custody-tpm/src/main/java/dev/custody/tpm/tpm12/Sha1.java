package dev.custody.tpm.tpm12;

import dev.custody.tpm.PcrBank;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-1 and HMAC-SHA-1, the only hashes a TPM 1.2 knows. */
final class Sha1 {
    static final int LENGTH = 20;

    private Sha1() {}

    static byte[] hash(byte[]... parts) {
        return PcrBank.SHA1.hash(parts);
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // An all-zero key (the TPM's "well-known" secret) is valid for HMAC; SecretKeySpec only refuses empty keys.
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this Java runtime", e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
