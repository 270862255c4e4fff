package dev.custody.machine.qemu;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.common.fuzz.HostileJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DIR/qemu-machine.json: every command on a QEMU machine reads it first, and anyone who could write
 * the machine's folder could have written it. A bad descriptor is refused with a plain
 * IllegalArgumentException and a one-line message; anything else is a finding.
 */
class QemuDescriptorFuzzTest {
    private static final List<JsonNode> DESCRIPTORS = HostileJson.templates(QemuDescriptorFuzzTest.class,
            "QemuDescriptorFuzzTestInputs/descriptors/ovmf-tpm2", "QemuDescriptorFuzzTestInputs/descriptors/seabios-tpm12",
            "QemuDescriptorFuzzTestInputs/descriptors/secureboot-smm");

    @FuzzTest
    void descriptors(byte[] data) {
        read(data);
    }

    /** The three real kinds of descriptor with hostile members. */
    @FuzzTest
    void editedDescriptors(FuzzedDataProvider data) {
        read(HostileJson.from(DESCRIPTORS, data));
    }

    private static void read(byte[] descriptor) {
        try {
            QemuDescriptor.parse(new String(descriptor, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            FuzzRefusals.requireOneLine(refused);
        }
    }
}
