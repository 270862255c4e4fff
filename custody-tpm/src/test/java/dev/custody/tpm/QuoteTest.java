package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuoteTest {
    private static final List<Integer> PCRS = List.of(0, 1, 2, 7, 16);
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void aQuoteVerifiesAgainstTheValuesItQuotesAndNothingElse() {
        byte[] nonce = "fresh-nonce-0123".getBytes();
        try (Tpm tpm = swtpm.open()) {
            tpm.extend(16, Map.of(PcrBank.SHA256, new byte[32]));
            AttestationKey key = tpm.createAttestationKey(Secret.empty());
            Quote quote = tpm.quote(key, nonce, PcrBank.SHA256, PCRS);
            SortedMap<Integer, byte[]> values = tpm.readPcrs(PcrBank.SHA256, PCRS);

            assertThatCode(() -> QuoteVerifier.verify(key, quote, nonce, PcrBank.SHA256, values))
                    .doesNotThrowAnyException();

            assertThatThrownBy(() -> QuoteVerifier.verify(key, quote, "other-nonce".getBytes(), PcrBank.SHA256, values))
                    .hasMessageContaining("different nonce");

            SortedMap<Integer, byte[]> altered = new TreeMap<>(values);
            altered.put(16, new byte[32]);
            assertThatThrownBy(() -> QuoteVerifier.verify(key, quote, nonce, PcrBank.SHA256, altered))
                    .hasMessageContaining("quoted PCR values differ");

            byte[] tampered = quote.attest().clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> QuoteVerifier.verify(key, new Quote(tampered, quote.signature()), nonce,
                    PcrBank.SHA256, values))
                    .hasMessageContaining("signature does not verify");
        }
    }
}
