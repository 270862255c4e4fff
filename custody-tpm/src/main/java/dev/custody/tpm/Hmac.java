package dev.custody.tpm;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC-SHA-1 and HMAC-SHA-256 for TPM sessions and one-time passwords, on Bouncy Castle's
 * lightweight classes rather than javax.crypto: the first javax.crypto call of a process reads
 * the JDK's crypto policy files and searches the class path for URL handlers, which opens the
 * 9,000-entry jar; at boot that cost the TOTP more than everything else it computes
 * (docs/benchmarks.md, issue 15). An empty or all-zero key is valid, as the TPM has it.
 */
public final class Hmac {
    private Hmac() {}

    public static byte[] sha1(byte[] key, byte[]... parts) {
        return mac(new SHA1Digest(), key, parts);
    }

    public static byte[] sha256(byte[] key, byte[]... parts) {
        return mac(new SHA256Digest(), key, parts);
    }

    private static byte[] mac(Digest digest, byte[] key, byte[]... parts) {
        HMac mac = new HMac(digest);
        mac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            mac.update(part, 0, part.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
