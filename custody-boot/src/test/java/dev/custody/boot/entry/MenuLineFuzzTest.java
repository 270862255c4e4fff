package dev.custody.boot.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** A saved default boot entry (kexec_default.N.txt): Heads' "name|kexectype|kernel ..." menu line. */
class MenuLineFuzzTest {
    @FuzzTest
    void menuLine(byte[] data) {
        try {
            MenuLine.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class || !refused.getMessage().contains("boot menu line")) {
                throw refused;
            }
        }
    }
}
