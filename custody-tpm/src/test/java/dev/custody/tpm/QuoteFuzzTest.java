package dev.custody.tpm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.tpm.testing.SoftwareAttestationKey;
import java.util.Arrays;
import java.util.List;

/**
 * A quote as the fleet server receives it from a machine holding an enrolled key: attestation data
 * validly signed whatever it says, or a genuine quote checked with fuzzed key bytes, or with fuzzed
 * signature bytes (the first byte picks which). The only acceptable failure is the refusal the
 * server answers with 422; an OutOfMemoryError or a NullPointerException is a finding.
 */
class QuoteFuzzTest {
    private static final SoftwareAttestationKey KEY = SoftwareAttestationKey.generate();
    private static final AttestationKey ATTESTATION_KEY = new AttestationKey(KEY.publicArea(), new byte[0]);
    private static final QuoteVerifier.KeyedVerifier VERIFIER = QuoteVerifier.forKey(ATTESTATION_KEY);
    private static final Quote GENUINE = KEY.quote("fuzz-nonce".getBytes(), List.of(0, 7), new byte[32]);

    @FuzzTest
    void quotes(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] bytes = Arrays.copyOfRange(data, 1, data.length);
        try {
            switch (Math.floorMod(data[0], 3)) {
                case 0 -> VERIFIER.open(KEY.signed(bytes));
                case 1 -> QuoteVerifier.forKey(new AttestationKey(bytes, new byte[0])).open(GENUINE);
                default -> VERIFIER.open(new Quote(GENUINE.attest(), bytes));
            }
        } catch (QuoteVerifier.QuoteException refused) {
            FuzzRefusals.requireOneLine(refused);  // answered 422 by the server
        }
    }
}
