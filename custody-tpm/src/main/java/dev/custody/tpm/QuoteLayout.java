package dev.custody.tpm;

import dev.custody.tpm.QuoteVerifier.QuoteException;

/**
 * Walks a quote's TPMS_ATTEST field by field against the bytes actually given, before TSS.Java
 * parses it: TSS.Java allocates whatever a count claims first (a PCR selection of 2^31 banks is an
 * OutOfMemoryError on the fleet server), and reads past the end as zeros and nulls.
 */
final class QuoteLayout {
    private static final long TPM_GENERATED_VALUE = 0xff544347L;
    private static final long TPM_ST_ATTEST_QUOTE = 0x8018;
    // TPMS_CLOCK_INFO: clock (8), resetCount (4), restartCount (4), safe (1).
    private static final int CLOCK_INFO_SIZE = 17;
    private static final int FIRMWARE_VERSION_SIZE = 8;
    // TPMS_PCR_SELECTION: hash (2) and sizeofSelect (1), with an empty bitmap.
    private static final int MINIMUM_SELECTION_SIZE = 3;

    private final byte[] attest;
    private int position;

    private QuoteLayout(byte[] attest) {
        this.attest = attest;
    }

    /** Refuses, naming the field, attestation data that is not exactly one well-formed quote. */
    static void check(byte[] attest) {
        new QuoteLayout(attest).walk();
    }

    private void walk() {
        if (remaining() < 4 || number(4, "magic") != TPM_GENERATED_VALUE) {
            throw new QuoteException("the signed data is not a TPM quote (no TPM_GENERATED_VALUE)");
        }
        long type = remaining() < 2 ? -1 : number(2, "type");
        if (type != TPM_ST_ATTEST_QUOTE) {
            throw new QuoteException("the signed data is not a TPM quote (its type is not TPM_ST_ATTEST_QUOTE)");
        }
        sized("qualified signer name");
        sized("nonce");
        skip(CLOCK_INFO_SIZE, "clock info");
        skip(FIRMWARE_VERSION_SIZE, "firmware version");
        selections();
        sized("PCR digest");
        if (remaining() > 0) {
            throw new QuoteException("the quote has %d bytes after its PCR digest".formatted(remaining()));
        }
    }

    private void selections() {
        long banks = number(4, "PCR selection count");
        if (banks * MINIMUM_SELECTION_SIZE > remaining()) {
            throw new QuoteException("the quote's PCR selection claims %d banks, more than its %d remaining bytes can hold"
                    .formatted(banks, remaining()));
        }
        for (long bank = 0; bank < banks; bank++) {
            skip(2, "PCR selection's hash algorithm");
            skip((int) number(1, "PCR selection's size"), "PCR selection's bitmap");
        }
    }

    /** A TPM2B: a 2-byte size, then that many bytes. */
    private void sized(String field) {
        long size = number(2, field + "'s size");
        if (size > remaining()) {
            throw new QuoteException("the quote's %s claims %d bytes, more than its %d remaining bytes"
                    .formatted(field, size, remaining()));
        }
        position += (int) size;
    }

    /** An unsigned big-endian number of 1, 2 or 4 bytes. */
    private long number(int bytes, String field) {
        int start = position;
        skip(bytes, field);
        long value = 0;
        for (int i = start; i < position; i++) {
            value = value << 8 | attest[i] & 0xff;
        }
        return value;
    }

    private void skip(int bytes, String field) {
        if (bytes > remaining()) {
            throw new QuoteException("the quote ends inside its %s (%d bytes needed, %d left)"
                    .formatted(field, bytes, remaining()));
        }
        position += bytes;
    }

    private int remaining() {
        return attest.length - position;
    }
}
