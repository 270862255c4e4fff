package dev.custody.firmware.elf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.cbfs.CbfsAttribute;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import java.util.List;

/** A CBFS stage (plain program or rmodule) turned back into an ELF file, for every architecture. */
class StageElfFuzzTest {
    @FuzzTest
    void stage(FuzzedDataProvider input) {
        ElfArchitecture architecture = input.pickValue(ElfArchitecture.values());
        var header = new CbfsAttribute.StageHeader(input.consumeLong(), input.consumeInt(), input.consumeInt());
        CbfsFile stage = new CbfsFile(0, "fallback/romstage", CbfsType.Known.STAGE, List.of(header), 0x40,
                input.consumeRemainingAsBytes());
        try {
            StageElf.of(stage, architecture);
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
