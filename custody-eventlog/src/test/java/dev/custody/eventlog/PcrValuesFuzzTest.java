package dev.custody.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** A PCR file given to {@code eventlog check --pcrs}: replay's JSON or tpm2_pcrread's text. */
class PcrValuesFuzzTest {
    @FuzzTest
    void pcrFile(byte[] data) {
        try {
            PcrValues.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // The parser's contract for bad input: one message, nothing else escapes.
        }
    }
}
