package dev.custody.tpm;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.Secret;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A quote the TPM signed with a fresh attestation key, already verified in software (signature,
 * nonce, PCR digest) against the PCR values read back: what {@code tpm quote} shows.
 */
public record CheckedQuote(byte[] nonce, Quote quote, AttestationKey key, PcrBank bank, SortedMap<Integer, byte[]> pcrs) {
    private static final HexFormat HEX = HexFormat.of();
    private static final int NONCE_BYTES = 16;

    /** Quotes {@code selected} PCRs of {@code bank} and verifies the quote; a quote that fails is never returned. */
    public static CheckedQuote take(Tpm tpm, byte[] nonce, PcrBank bank, List<Integer> selected) {
        AttestationKey key = tpm.createAttestationKey(Secret.empty());
        Quote quote = tpm.quote(key, nonce, bank, selected);
        SortedMap<Integer, byte[]> values = tpm.readPcrs(bank, selected);
        QuoteVerifier.verify(key, quote, nonce, bank, values);
        return new CheckedQuote(nonce, quote, key, bank, values);
    }

    /** A verifier's nonce when none is given. */
    public static byte[] randomNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The quote, the key and the quoted values, for a verifier elsewhere. */
    public Map<String, Object> toJson() {
        Map<String, Object> quoted = object();
        pcrs.forEach((pcr, v) -> quoted.put(String.valueOf(pcr), HEX.formatHex(v)));
        return object("nonce", HEX.formatHex(nonce),
                "attest", HEX.formatHex(quote.attest()),
                "signature", HEX.formatHex(quote.signature()),
                "attestationKey", HEX.formatHex(key.publicArea()),
                "pcrs", Map.of(bank.label(), quoted),
                "verified", true);
    }
}
