package dev.custody.tpm;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import tss.tpm.TPMS_ATTEST;
import tss.tpm.TPMS_ECC_POINT;
import tss.tpm.TPMS_QUOTE_INFO;
import tss.tpm.TPMS_SIGNATURE_ECDSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPM_ALG_ID;

/**
 * Checks a quote without a TPM: the signature by the attestation key, the nonce, and the digest
 * of the PCR values the verifier expects. Each failure says which of the three failed.
 */
public final class QuoteVerifier {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

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
        return forKey(key).open(quote);
    }

    /**
     * The key parsed and validated once, for a verifier that checks many quotes from one machine:
     * its precomputed multiples (a 16 kB comb, {@link P256Signatures}) are reused from quote to
     * quote and make the signature check several times faster than the JDK's ECDSA (see
     * docs/benchmarks.md).
     */
    public static KeyedVerifier forKey(AttestationKey key) {
        TPMT_PUBLIC keyPublic = TssParsing.exactly(key.publicArea(), TPMT_PUBLIC::fromTpm)
                .orElseThrow(() -> new QuoteException("the attestation key does not parse as a TPMT_PUBLIC"));
        if (!(keyPublic.unique instanceof TPMS_ECC_POINT point) || point.x.length > 32 || point.y.length > 32) {
            throw new QuoteException("the attestation key is not an ECDSA P-256 key");
        }
        ECPoint q;
        try {
            q = P256.getCurve().validatePoint(new BigInteger(1, point.x), new BigInteger(1, point.y));
        } catch (IllegalArgumentException e) {
            throw new QuoteException("the attestation key is not a point on P-256");
        }
        return new KeyedVerifier(P256Signatures.comb(q));
    }

    /** One attestation key, ready to check its quotes; safe to share between threads. */
    public static final class KeyedVerifier {
        private final P256Signatures.Comb key;

        private KeyedVerifier(P256Signatures.Comb key) {
            this.key = key;
        }

        public Quoted open(Quote quote) {
            // The layout first: it costs less than the signature, and only after it may TSS.Java parse.
            QuoteLayout.check(quote.attest());
            verifySignature(key, quote);
            TPMS_ATTEST attest = TssParsing.exactly(quote.attest(), TPMS_ATTEST::fromTpm)
                    .orElseThrow(() -> new QuoteException("the quote's attestation data does not parse"));
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
    }

    /** The digest a quote carries for these PCR values: their concatenation in PCR order, hashed. */
    public static byte[] digest(PcrBank bank, Map<Integer, byte[]> pcrValues) {
        MessageDigest digest = bank.newDigest();
        new TreeSet<>(pcrValues.keySet()).forEach(pcr -> digest.update(pcrValues.get(pcr)));
        return digest.digest();
    }

    private static void verifySignature(P256Signatures.Comb key, Quote quote) {
        TPMT_SIGNATURE signature = TssParsing.exactly(quote.signature(), TPMT_SIGNATURE::fromTpm)
                .orElseThrow(() -> new QuoteException("the quote's signature does not parse as a TPMT_SIGNATURE"));
        if (!(signature.signature instanceof TPMS_SIGNATURE_ECDSA ecdsa) || ecdsa.hash != TPM_ALG_ID.SHA256) {
            throw new QuoteException("the quote is not signed with ECDSA and SHA-256");
        }
        if (ecdsa.signatureR.length > 32 || ecdsa.signatureS.length > 32) {
            throw new QuoteException("ECDSA signature component longer than 32 bytes");
        }
        byte[] hash = PcrBank.SHA256.newDigest().digest(quote.attest());
        if (!P256Signatures.verify(key, hash, new BigInteger(1, ecdsa.signatureR), new BigInteger(1, ecdsa.signatureS))) {
            throw new QuoteException("the quote's signature does not verify with the attestation key");
        }
    }

    /** A quote that must not be believed; the message says why. */
    public static final class QuoteException extends TpmException {
        public QuoteException(String message) {
            super("quote rejected: " + message);
        }
    }
}
