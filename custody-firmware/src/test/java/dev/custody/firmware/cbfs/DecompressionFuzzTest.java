package dev.custody.firmware.cbfs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;

/**
 * LZMA and LZ4 streams as CBFS stores them, with the size their header announces (up to the 16
 * MiB of a large flash chip): exact, as for files, and as a bound, as for payload segments.
 */
class DecompressionFuzzTest {
    @FuzzTest
    void decompress(FuzzedDataProvider input) {
        Compression compression = input.pickValue(new Compression[] {Compression.LZMA, Compression.LZ4});
        boolean exact = input.consumeBoolean();
        int size = input.consumeInt(0, 16 << 20);
        byte[] stored = input.consumeRemainingAsBytes();
        try {
            if (exact) {
                compression.decompress(stored, size, "fuzzed stream", 0);
            } else {
                compression.decompressAtMost(stored, size, "fuzzed stream", 0);
            }
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
