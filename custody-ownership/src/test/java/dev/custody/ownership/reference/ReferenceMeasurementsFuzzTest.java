package dev.custody.ownership.reference;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.ownership.FuzzRefusals;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** reference.json, as the hand-off and the arrival check read it back; every refusal names the file. */
class ReferenceMeasurementsFuzzTest {
    @TempDir
    static Path directory;

    @FuzzTest
    void references(byte[] data) throws IOException {
        FuzzRefusals.readAsFile(directory.resolve("reference.json"), data, ReferenceMeasurements::load);
    }
}
