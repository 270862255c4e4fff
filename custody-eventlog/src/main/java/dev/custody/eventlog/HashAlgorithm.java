package dev.custody.eventlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SM3Digest;

/** The PCR banks a measurement log can carry, with their TCG algorithm identifiers. */
public enum HashAlgorithm {
    SHA1(0x0004, 20, "SHA-1"),
    SHA256(0x000B, 32, "SHA-256"),
    SHA384(0x000C, 48, "SHA-384"),
    SHA512(0x000D, 64, "SHA-512"),
    SM3_256(0x0012, 32, null);

    private final int tcgId;
    private final int digestLength;
    private final String jcaName;
    /** Provider lookup costs more than hashing a digest; replay hashes one per event and bank. */
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(this::messageDigest);

    HashAlgorithm(int tcgId, int digestLength, String jcaName) {
        this.tcgId = tcgId;
        this.digestLength = digestLength;
        this.jcaName = jcaName;
    }

    public int tcgId() {
        return tcgId;
    }

    public int digestLength() {
        return digestLength;
    }

    /** The bank name used in JSON and by tpm2-tools: sha1, sha256, sha384, sha512, sm3_256. */
    public String bankName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HashAlgorithm> byTcgId(int id) {
        return Arrays.stream(values()).filter(a -> a.tcgId == id).findFirst();
    }

    /** Accepts bank names (sha256), coreboot's names (SHA256) and dashed names (SHA-256). */
    public static Optional<HashAlgorithm> byName(String name) {
        String plain = name.toLowerCase(Locale.ROOT).replace("-", "");
        if (plain.equals("sm3")) {
            return Optional.of(SM3_256);
        }
        return Arrays.stream(values()).filter(a -> a.bankName().replace("_", "").equals(plain.replace("_", "")))
                .findFirst();
    }

    public Bytes digest(byte[]... parts) {
        if (this == SM3_256) {
            SM3Digest sm3 = new SM3Digest();
            for (byte[] part : parts) {
                sm3.update(part, 0, part.length);
            }
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return Bytes.of(out);
        }
        MessageDigest md = digests.get();
        for (byte[] part : parts) {
            md.update(part);
        }
        return Bytes.of(md.digest());
    }

    /** One TPM extend: {@code new = H(old || digest)}. */
    public Bytes extend(Bytes old, Bytes measurement) {
        return digest(old.unsafeArray(), measurement.unsafeArray());
    }

    private MessageDigest messageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks " + jcaName, e);
        }
    }
}
