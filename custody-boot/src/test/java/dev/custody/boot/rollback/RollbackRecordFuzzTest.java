package dev.custody.boot.rollback;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/** kexec_rollback.txt: the hash of the TPM counter file and the counter's id. */
class RollbackRecordFuzzTest {
    @FuzzTest
    void rollbackRecord(byte[] data) {
        try {
            RollbackRecord.parse(new String(data, StandardCharsets.UTF_8)).nvIndex();
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "kexec_rollback.txt");
        }
    }
}
