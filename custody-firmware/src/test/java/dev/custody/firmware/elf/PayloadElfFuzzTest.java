package dev.custody.firmware.elf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import java.util.List;

/** A SELF payload's segment table and segments (compressed or not) turned back into an ELF file. */
class PayloadElfFuzzTest {
    @FuzzTest
    void payload(FuzzedDataProvider input) {
        ElfArchitecture architecture = input.pickValue(ElfArchitecture.values());
        CbfsFile payload = new CbfsFile(0, "fallback/payload", CbfsType.Known.SELF, List.of(), 0x40,
                input.consumeRemainingAsBytes());
        try {
            PayloadElf.of(payload, architecture);
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
