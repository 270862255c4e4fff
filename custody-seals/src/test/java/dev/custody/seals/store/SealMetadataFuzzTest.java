package dev.custody.seals.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;

/** The metadata of an enrolled seal reference (its JSON, once its signature was checked). */
class SealMetadataFuzzTest {
    private static final String WHAT = "seal reference 'lid'";

    @FuzzTest
    void metadata(byte[] data) {
        try {
            SealMetadata.parse(data, WHAT);
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class || !refused.getMessage().startsWith(WHAT)) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
