package dev.custody.server;

import dev.custody.tpm.TssParsing;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMS_ECC_PARMS;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_ECC_CURVE;

/**
 * What enrolment accepts as keys: an endorsement key shaped as the TCG EK profile makes it, and
 * an attestation key the TPM made itself and can never export (restricted signing, fixedTPM).
 * The credential activation then proves both are in the same TPM.
 */
final class KeyChecks {
    private static final int FIXED_TPM = 0x2;
    private static final int FIXED_PARENT = 0x10;
    private static final int SENSITIVE_DATA_ORIGIN = 0x20;
    private static final int RESTRICTED = 0x10000;
    private static final int DECRYPT = 0x20000;
    private static final int SIGN = 0x40000;

    private KeyChecks() {}

    static TPMT_PUBLIC endorsementKey(byte[] publicArea) {
        TPMT_PUBLIC ek = parse(publicArea, "endorsement key");
        int attributes = ek.objectAttributes.toInt();
        int required = FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | RESTRICTED | DECRYPT;
        if (!(ek.parameters instanceof TPMS_RSA_PARMS rsa) || rsa.keyBits != 2048 || (attributes & required) != required
                || (attributes & SIGN) != 0 || ek.nameAlg != TPM_ALG_ID.SHA256) {
            throw new IllegalArgumentException("the endorsement key is not an RSA 2048 EK as the TCG EK profile makes it");
        }
        return ek;
    }

    static void attestationKey(byte[] publicArea) {
        TPMT_PUBLIC ak = parse(publicArea, "attestation key");
        int attributes = ak.objectAttributes.toInt();
        int required = FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | RESTRICTED | SIGN;
        if (!(ak.parameters instanceof TPMS_ECC_PARMS ecc) || ecc.curveID != TPM_ECC_CURVE.NIST_P256
                || (attributes & required) != required || (attributes & DECRYPT) != 0 || ak.nameAlg != TPM_ALG_ID.SHA256) {
            throw new IllegalArgumentException("the attestation key is not a restricted, TPM-bound ECDSA P-256 signing key");
        }
    }

    /** An EK certificate, when the TPM has one, must certify this very key. */
    static void certificateMatches(byte[] certificate, TPMT_PUBLIC ek) {
        try {
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            BigInteger modulus = new BigInteger(1, ((TPM2B_PUBLIC_KEY_RSA) ek.unique).buffer);
            if (!(parsed.getPublicKey() instanceof RSAPublicKey rsa) || !rsa.getModulus().equals(modulus)) {
                throw new IllegalArgumentException("the EK certificate certifies another key than the endorsement key sent");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the EK certificate does not parse as X.509");
        }
    }

    private static TPMT_PUBLIC parse(byte[] publicArea, String what) {
        return TssParsing.exactly(publicArea, TPMT_PUBLIC::fromTpm)
                .orElseThrow(() -> new IllegalArgumentException("the " + what + " does not parse as a TPMT_PUBLIC"));
    }
}
