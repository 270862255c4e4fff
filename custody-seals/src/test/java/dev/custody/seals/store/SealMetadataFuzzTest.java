package dev.custody.seals.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.util.List;

/** The metadata of an enrolled seal reference (its JSON, once its signature was checked). */
class SealMetadataFuzzTest {
    private static final String WHAT = "seal reference 'lid'";
    private static final List<JsonNode> METADATA = HostileJson.templates(SealMetadataFuzzTest.class, "seal-metadata/lid.json");

    @FuzzTest
    void metadata(byte[] data) {
        read(data);
    }

    /** Metadata as Custody writes it, with hostile members. */
    @FuzzTest
    void editedMetadata(FuzzedDataProvider data) {
        read(HostileJson.from(METADATA, data));
    }

    private static void read(byte[] json) {
        try {
            SealMetadata.parse(json, WHAT);
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class || !refused.getMessage().startsWith(WHAT)) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
