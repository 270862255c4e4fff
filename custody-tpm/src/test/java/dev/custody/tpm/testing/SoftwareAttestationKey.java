package dev.custody.tpm.testing;

import dev.custody.tpm.Quote;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_CLOCK_INFO;
import tss.tpm.TPMS_ECC_PARMS;
import tss.tpm.TPMS_ECC_POINT;
import tss.tpm.TPMS_NULL_KDF_SCHEME;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_QUOTE_INFO;
import tss.tpm.TPMS_SIGNATURE_ECDSA;
import tss.tpm.TPMS_SIG_SCHEME_ECDSA;
import tss.tpm.TPMS_ATTEST;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_ECC_CURVE;
import tss.tpm.TPM_GENERATED;

/**
 * An attestation key held in software that signs quotes byte for byte in the TPM's format
 * (TPMS_ATTEST, TPMT_SIGNATURE with ECDSA P-256). Only for benchmarks and load generation, where
 * thousands of agents cannot each have a swtpm, and for the malformed quotes no TPM would sign but
 * an attacker holding an enrolled key could; correctness tests use real swtpm quotes.
 */
public final class SoftwareAttestationKey {
    private static final int FIXED_TPM = 0x2;
    private static final int FIXED_PARENT = 0x10;
    private static final int SENSITIVE_DATA_ORIGIN = 0x20;
    private static final int USER_WITH_AUTH = 0x40;
    private static final int RESTRICTED = 0x10000;
    private static final int SIGN = 0x40000;

    private final KeyPair keys;
    private final byte[] publicArea;
    private long clock;

    private SoftwareAttestationKey(KeyPair keys) {
        this.keys = keys;
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        TPMT_PUBLIC area = new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                TPMA_OBJECT.fromInt(RESTRICTED | SIGN | FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | USER_WITH_AUTH),
                new byte[0],
                new TPMS_ECC_PARMS(new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL),
                        new TPMS_SIG_SCHEME_ECDSA(TPM_ALG_ID.SHA256), TPM_ECC_CURVE.NIST_P256, new TPMS_NULL_KDF_SCHEME()),
                new TPMS_ECC_POINT(unsigned32(key.getW().getAffineX()), unsigned32(key.getW().getAffineY())));
        this.publicArea = area.toBytes();
    }

    public static SoftwareAttestationKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new SoftwareAttestationKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key's TPMT_PUBLIC, as a TPM would return it. */
    public byte[] publicArea() {
        return publicArea.clone();
    }

    /** A SHA-256 quote of these PCRs (their digest given), answering the nonce. */
    public Quote quote(byte[] nonce, List<Integer> pcrs, byte[] pcrDigest) {
        int[] selected = pcrs.stream().mapToInt(Integer::intValue).toArray();
        TPMS_QUOTE_INFO info = new TPMS_QUOTE_INFO(
                new TPMS_PCR_SELECTION[] {new TPMS_PCR_SELECTION(TPM_ALG_ID.SHA256, selected)}, pcrDigest);
        TPMS_ATTEST attest = new TPMS_ATTEST(TPM_GENERATED.VALUE, new byte[34], nonce,
                new TPMS_CLOCK_INFO(++clock, 1, 0, (byte) 1), 0x2023_0000_0000_0000L, info);
        return signed(attest.toBytes());
    }

    /** These bytes as the attestation data of a quote, validly signed whatever they say. */
    public Quote signed(byte[] attest) {
        return new Quote(attest.clone(), sign(attest));
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            byte[] rs = signer.sign();
            return new TPMT_SIGNATURE(new TPMS_SIGNATURE_ECDSA(TPM_ALG_ID.SHA256,
                    Arrays.copyOfRange(rs, 0, 32), Arrays.copyOfRange(rs, 32, 64))).toBytes();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
