package dev.custody.eventlog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A PCR file given to {@code eventlog check --pcrs}: replay's JSON or tpm2_pcrread's text. */
class PcrValuesFuzzTest {
    /** What {@code eventlog replay --json} writes, two banks. */
    private static final List<JsonNode> REPLAYS = HostileJson.templates(PcrValuesFuzzTest.class, "pcr-files/replay.json");

    @FuzzTest
    void pcrFile(byte[] data) {
        read(data);
    }

    /** replay's JSON with hostile members: what gets past Jackson to the bank and PCR checks. */
    @FuzzTest
    void editedReplays(FuzzedDataProvider data) {
        read(HostileJson.from(REPLAYS, data));
    }

    private static void read(byte[] file) {
        try {
            PcrValues.parse(new String(file, StandardCharsets.UTF_8));
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
