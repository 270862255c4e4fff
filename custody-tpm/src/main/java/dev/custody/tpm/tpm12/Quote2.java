package dev.custody.tpm.tpm12;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A TPM_Quote2 answer: the PCR state (TPM_PCR_INFO_SHORT) and the signature over
 * TPM_QUOTE_INFO2 = tag 0x0036 || "QUT2" || nonce || that PCR state.
 */
public record Quote2(byte[] nonce, byte[] pcrInfoShort, byte[] signature) {
    private static final int TAG_QUOTE_INFO2 = 0x0036;

    /** The TPM_QUOTE_INFO2 bytes the signature covers (PKCS#1 v1.5 over their SHA-1). */
    public byte[] signedInfo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(TAG_QUOTE_INFO2 >>> 8);
        out.write(TAG_QUOTE_INFO2);
        out.writeBytes("QUT2".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nonce);
        out.writeBytes(pcrInfoShort);
        return out.toByteArray();
    }
}
