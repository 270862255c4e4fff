package dev.custody.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/** A PCR file given to {@code eventlog check --pcrs}: replay's JSON or tpm2_pcrread's text. */
class PcrValuesFuzzTest {
    @FuzzTest
    void pcrFile(byte[] data) {
        try {
            PcrValues.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            // The contract: a plain refusal with one line for the user; a subclass such as
            // NumberFormatException carries Java's wording instead.
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
