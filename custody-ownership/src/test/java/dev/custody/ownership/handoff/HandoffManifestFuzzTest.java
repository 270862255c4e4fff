package dev.custody.ownership.handoff;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.ownership.FuzzRefusals;

/** manifest.json of a hand-off bundle, as {@code own receive} parses it once its signature is good. */
class HandoffManifestFuzzTest {
    @FuzzTest
    void manifest(byte[] data) {
        try {
            HandoffManifest.parse(data);
        } catch (IllegalArgumentException refused) {
            FuzzRefusals.requireNamed(refused, "");
        }
    }
}
