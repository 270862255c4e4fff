package dev.custody.tpm;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import tss.tpm.TPMS_ATTEST;
import tss.tpm.TPMS_ECC_POINT;
import tss.tpm.TPMS_QUOTE_INFO;
import tss.tpm.TPMS_SIGNATURE_ECDSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;

/**
 * Checks a quote without a TPM: the signature by the attestation key, the nonce, and the digest
 * of the PCR values the verifier expects. Each failure says which of the three failed.
 */
public final class QuoteVerifier {
    private static final int TPM_GENERATED_VALUE = 0xff544347;
    private static final int TPM_ST_ATTEST_QUOTE = 0x8018;

    private QuoteVerifier() {}

    public static void verify(AttestationKey key, Quote quote, byte[] nonce, PcrBank bank,
                              Map<Integer, byte[]> expectedPcrs) {
        verifySignature(key, quote);
        TPMS_ATTEST attest = parse(quote);
        if (attest.magic.toInt() != TPM_GENERATED_VALUE || attest.type().toInt() != TPM_ST_ATTEST_QUOTE) {
            throw new QuoteException("the signed data is not a TPM quote");
        }
        if (!MessageDigest.isEqual(attest.extraData, nonce)) {
            throw new QuoteException("the quote answers a different nonce (a replayed quote?)");
        }
        TPMS_QUOTE_INFO info = (TPMS_QUOTE_INFO) attest.attested;
        if (info.pcrSelect.length != 1 || info.pcrSelect[0].hash.toInt() != bank.algorithmId()
                || !Arrays.equals(trim(info.pcrSelect[0].pcrSelect), trim(selection(expectedPcrs.keySet())))) {
            throw new QuoteException("the quote covers different PCRs than expected");
        }
        MessageDigest digest = bank.newDigest();
        new TreeSet<>(expectedPcrs.keySet()).forEach(pcr -> digest.update(expectedPcrs.get(pcr)));
        if (!MessageDigest.isEqual(digest.digest(), info.pcrDigest)) {
            throw new QuoteException("the quoted PCR values differ from the expected values");
        }
    }

    private static TPMS_ATTEST parse(Quote quote) {
        try {
            return TPMS_ATTEST.fromBytes(quote.attest());
        } catch (RuntimeException e) {
            throw new QuoteException("the quote's attestation data does not parse");
        }
    }

    private static void verifySignature(AttestationKey key, Quote quote) {
        try {
            TPMT_PUBLIC keyPublic = TPMT_PUBLIC.fromBytes(key.publicArea());
            TPMT_SIGNATURE signature = TPMT_SIGNATURE.fromBytes(quote.signature());
            if (!(signature.signature instanceof TPMS_SIGNATURE_ECDSA ecdsa)
                    || !(keyPublic.unique instanceof TPMS_ECC_POINT point)) {
                throw new QuoteException("the quote is not signed with an ECDSA P-256 attestation key");
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(p256Key(point));
            verifier.update(quote.attest());
            byte[] rs = new byte[64];
            copyRight(ecdsa.signatureR, rs, 0);
            copyRight(ecdsa.signatureS, rs, 32);
            if (!verifier.verify(rs)) {
                throw new QuoteException("the quote's signature does not verify with the attestation key");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof QuoteException q) {
                throw q;
            }
            throw new QuoteException("the quote's signature cannot be checked: " + e.getMessage());
        }
    }

    private static PublicKey p256Key(TPMS_ECC_POINT point) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, point.x), new BigInteger(1, point.y));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve));
    }

    private static void copyRight(byte[] value, byte[] into, int offset) {
        if (value.length > 32) {
            throw new QuoteException("ECDSA signature component longer than 32 bytes");
        }
        System.arraycopy(value, 0, into, offset + 32 - value.length, value.length);
    }

    static byte[] selection(Collection<Integer> pcrs) {
        byte[] select = new byte[3];
        pcrs.forEach(pcr -> select[pcr / 8] |= (byte) (1 << (pcr % 8)));
        return select;
    }

    private static byte[] trim(byte[] bitmap) {
        int length = bitmap.length;
        while (length > 0 && bitmap[length - 1] == 0) {
            length--;
        }
        return Arrays.copyOf(bitmap, length);
    }

    /** A quote that must not be believed; the message says why. */
    public static final class QuoteException extends TpmException {
        public QuoteException(String message) {
            super("quote rejected: " + message);
        }
    }
}
