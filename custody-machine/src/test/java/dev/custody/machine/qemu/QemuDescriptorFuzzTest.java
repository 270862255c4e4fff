package dev.custody.machine.qemu;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
            String message = refused.getMessage();
            if (refused.getClass() != IllegalArgumentException.class || message == null || message.isBlank()
                    || message.contains("\n")) {
                throw refused;
            }
        }
    }
}
