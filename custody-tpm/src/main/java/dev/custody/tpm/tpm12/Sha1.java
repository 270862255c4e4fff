package dev.custody.tpm.tpm12;

import dev.custody.tpm.Hmac;
import dev.custody.tpm.PcrBank;

/** SHA-1 and HMAC-SHA-1, the only hashes a TPM 1.2 knows. */
final class Sha1 {
    static final int LENGTH = 20;

    private Sha1() {}

    static byte[] hash(byte[]... parts) {
        return PcrBank.SHA1.hash(parts);
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        return Hmac.sha1(key, parts);
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
