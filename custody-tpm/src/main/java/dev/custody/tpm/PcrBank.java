package dev.custody.tpm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** A PCR bank: the hash algorithm whose digests a set of PCRs holds. */
public enum PcrBank {
    SHA1(0x0004, 20, "SHA-1"),
    SHA256(0x000B, 32, "SHA-256"),
    SHA384(0x000C, 48, "SHA-384"),
    SHA512(0x000D, 64, "SHA-512");

    private final int algorithmId;
    private final int digestLength;
    private final String jcaName;

    PcrBank(int algorithmId, int digestLength, String jcaName) {
        this.algorithmId = algorithmId;
        this.digestLength = digestLength;
        this.jcaName = jcaName;
    }

    /** The TPM_ALG_ID of the bank's hash. */
    public int algorithmId() {
        return algorithmId;
    }

    public int digestLength() {
        return digestLength;
    }

    /** The name used on command lines and in JSON: "sha1", "sha256"... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The digest of a few short values (PCR extends, policy digests, names), with Bouncy Castle's
     * classes: the JDK's first MessageDigest initialises the JCA providers (the java.security file,
     * every service of SUN; ~12 ms), which a TOTP at boot needs for nothing else.
     */
    public byte[] hash(byte[]... parts) {
        Digest digest = switch (this) {
            case SHA1 -> new SHA1Digest();
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
        };
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
        }
    }

    /** The PCR extend rule: new = H(old || digest). */
    public byte[] extend(byte[] old, byte[] digest) {
        return hash(old, digest);
    }

    /** The value of PCRs 0-16 and 23 after a reset. */
    public byte[] resetValue() {
        return new byte[digestLength];
    }

    public static Optional<PcrBank> ofAlgorithm(int algorithmId) {
        return Arrays.stream(values()).filter(b -> b.algorithmId == algorithmId).findFirst();
    }

    public static PcrBank parse(String label) {
        return Arrays.stream(values())
                .filter(b -> b.label().equals(label.toLowerCase(Locale.ROOT).replace("-", "")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown PCR bank '" + label + "' (use sha1, sha256, sha384 or sha512)"));
    }
}
