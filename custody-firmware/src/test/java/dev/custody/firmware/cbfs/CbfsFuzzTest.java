package dev.custody.firmware.cbfs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;
import java.util.List;

/** A CBFS region as the FMAP names it, and a legacy image found by its master header. */
class CbfsFuzzTest {
    @FuzzTest
    void cbfs(byte[] data) {
        try {
            if (Cbfs.startsAt(data, 0)) {
                contents(Cbfs.read(data, Cbfs.DEFAULT_REGION, 0, data.length).files());
            }
            Cbfs.readLegacy(data).ifPresent(legacy -> contents(legacy.files()));
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }

    private static void contents(List<CbfsFile> files) {
        for (CbfsFile file : files) {
            try {
                file.contents();
            } catch (ImageFormatException refused) {
                // One broken file does not stop the others from being read.
                FuzzRefusals.requireOneLine(refused);
            }
        }
    }
}
