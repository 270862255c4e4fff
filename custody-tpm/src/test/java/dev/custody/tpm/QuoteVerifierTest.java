package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.tpm.testing.SoftwareAttestationKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quotes a TPM would never produce but a machine holding an enrolled key can sign and send: the
 * verifier must refuse each with a message, before anything they claim is allocated. Signed in
 * software because no TPM signs malformed attestation data; genuine quotes are QuoteTest's (swtpm).
 */
class QuoteVerifierTest {
    private static final byte[] NONCE = "nonce-0123456789".getBytes();
    // magic, type, qualifiedSigner (size and a 34-byte name), extraData's size, clock info, firmware version
    private static final int BANK_COUNT_OFFSET = 4 + 2 + 2 + 34 + 2 + NONCE.length + 17 + 8;
    private static final int NONCE_SIZE_OFFSET = 4 + 2 + 2 + 34;

    private final SoftwareAttestationKey key = SoftwareAttestationKey.generate();

    @Test
    void aGenuineQuoteOpens() {
        QuoteVerifier.Quoted quoted = open(genuine());

        assertThat(quoted.nonce()).isEqualTo(NONCE);
        assertThat(quoted.bank()).isEqualTo(PcrBank.SHA256);
        assertThat(quoted.pcrs()).containsExactly(0, 7);
    }

    @Test
    void aBankCountTheBytesCannotHoldIsRefusedBeforeAnythingIsAllocated() {
        for (int banks : new int[] {0xffffffff, 0x7fffffff, 0x10000000}) {
            byte[] attest = with(genuine(), BANK_COUNT_OFFSET, ByteBuffer.allocate(4).putInt(banks).array());
            int remaining = attest.length - BANK_COUNT_OFFSET - 4;

            assertThatThrownBy(() -> open(attest))
                    .isInstanceOf(QuoteVerifier.QuoteException.class)
                    .hasMessage("quote rejected: the quote's PCR selection claims %d banks, more than its %d remaining "
                            + "bytes can hold", Integer.toUnsignedLong(banks), remaining);
        }
    }

    @Test
    void aSizedFieldLongerThanTheBytesLeftIsRefused() {
        byte[] attest = with(genuine(), NONCE_SIZE_OFFSET, new byte[] {(byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> open(attest))
                .hasMessage("quote rejected: the quote's nonce claims 65535 bytes, more than its %d remaining bytes",
                        attest.length - NONCE_SIZE_OFFSET - 2);
    }

    @Test
    void bytesAfterThePcrDigestAreRefused() {
        byte[] attest = Arrays.copyOf(genuine(), genuine().length + 3);

        assertThatThrownBy(() -> open(attest)).hasMessage("quote rejected: the quote has 3 bytes after its PCR digest");
    }

    @Test
    void theMagicIsCheckedBeforeAnyCountIsBelieved() {
        byte[] attest = with(genuine(), BANK_COUNT_OFFSET, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        attest[0] = 0;

        assertThatThrownBy(() -> open(attest))
                .hasMessage("quote rejected: the signed data is not a TPM quote (no TPM_GENERATED_VALUE)");
    }

    @Test
    void aCutShortAttestationKeyDoesNotParse() {
        byte[] publicArea = key.publicArea();
        AttestationKey cut = new AttestationKey(Arrays.copyOf(publicArea, publicArea.length - 10), new byte[0]);

        assertThatThrownBy(() -> QuoteVerifier.forKey(cut))
                .hasMessage("quote rejected: the attestation key does not parse as a TPMT_PUBLIC");
    }

    @Test
    void aCutShortSignatureDoesNotParse() {
        Quote quote = key.signed(genuine());
        Quote cut = new Quote(quote.attest(), Arrays.copyOf(quote.signature(), quote.signature().length - 10));

        assertThatThrownBy(() -> QuoteVerifier.forKey(attestationKey()).open(cut))
                .hasMessage("quote rejected: the quote's signature does not parse as a TPMT_SIGNATURE");
    }

    private byte[] genuine() {
        return key.quote(NONCE, List.of(0, 7), new byte[32]).attest();
    }

    private QuoteVerifier.Quoted open(byte[] attest) {
        return QuoteVerifier.forKey(attestationKey()).open(key.signed(attest));
    }

    private AttestationKey attestationKey() {
        return new AttestationKey(key.publicArea(), new byte[0]);
    }

    private static byte[] with(byte[] bytes, int offset, byte[] replacement) {
        byte[] changed = bytes.clone();
        System.arraycopy(replacement, 0, changed, offset, replacement.length);
        return changed;
    }
}
