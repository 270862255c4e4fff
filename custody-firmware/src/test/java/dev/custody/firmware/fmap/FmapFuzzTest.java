package dev.custody.firmware.fmap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;

/** The flash map: found anywhere in the image, then its areas and their nesting. */
class FmapFuzzTest {
    @FuzzTest
    void fmap(byte[] data) {
        try {
            Fmap.find(data).ifPresent(fmap -> {
                fmap.leafAreas();
                fmap.toBytes();
            });
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
