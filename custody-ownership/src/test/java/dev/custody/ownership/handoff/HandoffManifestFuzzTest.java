package dev.custody.ownership.handoff;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.util.List;

/**
 * manifest.json of a hand-off bundle, as {@code own receive} parses it once its signature is good.
 * The bundle carries the key that signed it, so a good signature vouches for nothing yet.
 */
class HandoffManifestFuzzTest {
    private static final List<JsonNode> TEMPLATES = HostileJson.templates(HandoffManifestFuzzTest.class,
            "HandoffManifestFuzzTestInputs/manifest/two-photos-two-of-three.json");

    @FuzzTest
    void manifest(byte[] data) {
        try {
            HandoffManifest.parse(data);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "");
        }
    }

    /** A real manifest with a few hostile members. */
    @FuzzTest
    void editedManifests(FuzzedDataProvider data) {
        manifest(HostileJson.from(TEMPLATES, data));
    }
}
