package dev.custody.machine.qemu;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.common.fuzz.FuzzRefusals;
import java.nio.charset.StandardCharsets;

/**
 * DIR/qemu-machine.json: every command on a QEMU machine reads it first, and anyone who could write
 * the machine's folder could have written it. A bad descriptor is refused with a plain
 * IllegalArgumentException and a one-line message; anything else is a finding.
 */
class QemuDescriptorFuzzTest {
    @FuzzTest
    void descriptors(byte[] data) {
        try {
            QemuDescriptor.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
