package dev.custody.firmware.ifd;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.me.GbeRegion;
import dev.custody.firmware.me.MeRegion;

/** The Intel flash descriptor, and the ME and GbE regions it points at. */
class IfdFuzzTest {
    @FuzzTest
    void descriptor(byte[] data) {
        try {
            FlashDescriptor.find(data).ifPresent(ifd -> {
                ifd.meDisableStrapName();
                for (int master = 1; master <= 4; master++) {
                    ifd.master(master);
                }
                ifd.region(RegionKind.ME).ifPresent(me -> MeRegion.of(data, ifd, me));
                ifd.region(RegionKind.GBE).ifPresent(gbe -> GbeRegion.of(data, gbe));
            });
        } catch (ImageFormatException refused) {
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
