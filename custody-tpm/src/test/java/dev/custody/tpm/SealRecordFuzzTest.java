package dev.custody.tpm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/** What sealing leaves on disk: the seal record (text) and the sealed blob (binary). */
class SealRecordFuzzTest {
    @FuzzTest
    void sealFiles(byte[] data) {
        try {
            SealRecord.parse(new String(data, StandardCharsets.UTF_8)).policyDigest();
        } catch (IllegalArgumentException refused) {
            requireUserMessage(refused);
        }
        try {
            SealedBlob.parse(data);
        } catch (IllegalArgumentException refused) {
            requireUserMessage(refused);
        }
    }

    private static void requireUserMessage(IllegalArgumentException refused) {
        if (refused.getClass() != IllegalArgumentException.class || !refused.getMessage().contains("seal")) {
            throw refused;
        }
        FuzzRefusals.requireOneLine(refused);
    }
}
