package dev.custody.tpm.tss;

import tss.tpm.TPM2B_DIGEST_KEYEDHASH;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_ECC_PARMS;
import tss.tpm.TPMS_ECC_POINT;
import tss.tpm.TPMS_KEYEDHASH_PARMS;
import tss.tpm.TPMS_NULL_ASYM_SCHEME;
import tss.tpm.TPMS_NULL_KDF_SCHEME;
import tss.tpm.TPMS_NULL_SCHEME_KEYEDHASH;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMS_SIG_SCHEME_ECDSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_ECC_CURVE;

/** Public-area templates for the objects Custody creates (TPMA_OBJECT bits from TPM 2.0 Part 2 §8.3). */
final class Templates {
    private static final int FIXED_TPM = 0x2;
    private static final int FIXED_PARENT = 0x10;
    private static final int SENSITIVE_DATA_ORIGIN = 0x20;
    private static final int USER_WITH_AUTH = 0x40;
    private static final int ADMIN_WITH_POLICY = 0x80;
    private static final int RESTRICTED = 0x10000;
    private static final int DECRYPT = 0x20000;
    private static final int SIGN = 0x40000;

    private Templates() {}

    /**
     * The storage primary key, as {@code tpm2_createprimary -C o -G rsa} makes it (and Heads
     * uses it at 0x81000000): RSA 2048, AES-128-CFB for its children.
     */
    static TPMT_PUBLIC rsaStorageKey() {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                attributes(RESTRICTED | DECRYPT | FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | USER_WITH_AUTH),
                new byte[0],
                new TPMS_RSA_PARMS(new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, 128, TPM_ALG_ID.CFB),
                        new TPMS_NULL_ASYM_SCHEME(), 2048, 0),
                new TPM2B_PUBLIC_KEY_RSA(new byte[0]));
    }

    /**
     * A sealed data object. Without userWithAuth, the user role (unseal) is reachable only
     * through the policy, so a passphrase alone can never release it.
     */
    static TPMT_PUBLIC sealedData(byte[] policyDigest) {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256, attributes(FIXED_TPM | FIXED_PARENT), policyDigest,
                new TPMS_KEYEDHASH_PARMS(new TPMS_NULL_SCHEME_KEYEDHASH()),
                new TPM2B_DIGEST_KEYEDHASH(new byte[0]));
    }

    /** PolicySecret(TPM_RH_ENDORSEMENT): the EK's admin policy in the TCG EK Credential Profile. */
    private static final byte[] EK_POLICY = java.util.HexFormat.of()
            .parseHex("837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa");
    private static final int EK_RSA_MODULUS_BYTES = 256;

    /**
     * The RSA 2048 endorsement key, template L-1 of the TCG EK Credential Profile 2.0 (§B.3.3):
     * the same key {@code tpm2_createek -G rsa} and the EK certificate describe.
     */
    static TPMT_PUBLIC rsaEndorsementKey() {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                attributes(FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | ADMIN_WITH_POLICY | RESTRICTED | DECRYPT),
                EK_POLICY.clone(),
                new TPMS_RSA_PARMS(new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, 128, TPM_ALG_ID.CFB),
                        new TPMS_NULL_ASYM_SCHEME(), 2048, 0),
                new TPM2B_PUBLIC_KEY_RSA(new byte[EK_RSA_MODULUS_BYTES]));
    }

    /** A restricted ECDSA P-256 signing key: it signs only TPM-generated data such as quotes. */
    static TPMT_PUBLIC attestationKey() {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                attributes(RESTRICTED | SIGN | FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | USER_WITH_AUTH),
                new byte[0],
                new TPMS_ECC_PARMS(new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL),
                        new TPMS_SIG_SCHEME_ECDSA(TPM_ALG_ID.SHA256), TPM_ECC_CURVE.NIST_P256,
                        new TPMS_NULL_KDF_SCHEME()),
                new TPMS_ECC_POINT(new byte[0], new byte[0]));
    }

    private static TPMA_OBJECT attributes(int bits) {
        return TPMA_OBJECT.fromInt(bits);
    }
}
