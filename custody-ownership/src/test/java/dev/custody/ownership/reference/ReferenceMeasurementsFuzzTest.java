package dev.custody.ownership.reference;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** reference.json, as the hand-off and the arrival check read it back; every refusal names the file. */
class ReferenceMeasurementsFuzzTest {
    @TempDir
    static Path directory;

    private static final List<JsonNode> TEMPLATES = HostileJson.templates(ReferenceMeasurementsFuzzTest.class,
            "ReferenceMeasurementsFuzzTestInputs/references/tpm2-reference.json",
            "ReferenceMeasurementsFuzzTestInputs/references/tpm12-reference.json");

    @FuzzTest
    void references(byte[] data) throws IOException {
        FuzzRefusals.readAsFile(directory.resolve("reference.json"), data, ReferenceMeasurements::load);
    }

    /** A real reference with a few hostile members: what a forged or damaged hand-off carries. */
    @FuzzTest
    void editedReferences(FuzzedDataProvider data) throws IOException {
        references(HostileJson.from(TEMPLATES, data));
    }
}
