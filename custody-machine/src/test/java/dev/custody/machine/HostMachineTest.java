package dev.custody.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This computer as a {@link Machine}: what it leaves to its owner, where a lab machine has files. */
class HostMachineTest {
    @Test
    void itsFirmwareIsReadWithFlashromNotFromAFile(@TempDir Path dir) {
        HostMachine host = new HostMachine(new TpmSpec.Device(Path.of("/dev/tpmrm0")), dir, dir);

        assertThat(host.firmwareImageFile()).isEmpty();
        assertThat(host.withoutFirmwareImage("reference measurements"))
                .isEqualTo("reference measurements of this computer need its firmware image; read it with"
                        + " 'flashrom -p internal -r FILE' and give it as --rom FILE");
    }
}
