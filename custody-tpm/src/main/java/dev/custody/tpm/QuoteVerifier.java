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
import java.util.ArrayList;
import java.util.List;
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
        Quoted quoted = open(key, quote);
        if (!MessageDigest.isEqual(quoted.nonce(), nonce)) {
            throw new QuoteException("the quote answers a different nonce (a replayed quote?)");
        }
        if (quoted.bank() != bank || !quoted.pcrs().equals(List.copyOf(new TreeSet<>(expectedPcrs.keySet())))) {
            throw new QuoteException("the quote covers different PCRs than expected");
        }
        if (!MessageDigest.isEqual(digest(bank, expectedPcrs), quoted.pcrDigest())) {
            throw new QuoteException("the quoted PCR values differ from the expected values");
        }
    }

    /** What a quote whose signature verified says: the nonce it answers, which PCRs, and their digest. */
    public record Quoted(byte[] nonce, PcrBank bank, List<Integer> pcrs, byte[] pcrDigest) {}

    /**
     * Checks the signature and that the signed data is a TPM-generated quote of one bank, and
     * returns its contents for the caller to check against its nonce and expected values.
     */
    public static Quoted open(AttestationKey key, Quote quote) {
        verifySignature(key, quote);
        TPMS_ATTEST attest = parse(quote);
        if (attest.magic.toInt() != TPM_GENERATED_VALUE || attest.type().toInt() != TPM_ST_ATTEST_QUOTE) {
            throw new QuoteException("the signed data is not a TPM quote");
        }
        TPMS_QUOTE_INFO info = (TPMS_QUOTE_INFO) attest.attested;
        if (info.pcrSelect.length != 1) {
            throw new QuoteException("the quote covers more than one PCR bank");
        }
        PcrBank bank = PcrBank.ofAlgorithm(info.pcrSelect[0].hash.toInt())
                .orElseThrow(() -> new QuoteException("the quote covers a PCR bank Custody does not know"));
        List<Integer> pcrs = new ArrayList<>();
        byte[] bitmap = info.pcrSelect[0].pcrSelect;
        for (int pcr = 0; pcr < bitmap.length * 8; pcr++) {
            if ((bitmap[pcr / 8] & (1 << (pcr % 8))) != 0) {
                pcrs.add(pcr);
            }
        }
        return new Quoted(attest.extraData, bank, List.copyOf(pcrs), info.pcrDigest);
    }

    /** The digest a quote carries for these PCR values: their concatenation in PCR order, hashed. */
    public static byte[] digest(PcrBank bank, Map<Integer, byte[]> pcrValues) {
        MessageDigest digest = bank.newDigest();
        new TreeSet<>(pcrValues.keySet()).forEach(pcr -> digest.update(pcrValues.get(pcr)));
        return digest.digest();
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

    /** A quote that must not be believed; the message says why. */
    public static final class QuoteException extends TpmException {
        public QuoteException(String message) {
            super("quote rejected: " + message);
        }
    }
}
