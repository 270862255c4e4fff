package dev.custody.firmware.me;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;

/** The ME region's $FPT partition table, searched for inside the region as me_cleaner does. */
class MeFptFuzzTest {
    @FuzzTest
    void partitionTable(byte[] data) {
        try {
            PartitionTable.find(data, 0, data.length).ifPresent(table -> {
                table.validEntries().forEach(FptEntry::holdsFileSystem);
                table.end(0);
            });
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
