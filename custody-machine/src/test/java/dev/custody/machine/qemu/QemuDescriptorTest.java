package dev.custody.machine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuDescriptorTest {
    @TempDir Path machine;

    @Test
    void whatItWritesItReadsBack() {
        Path file = machine.resolve(QemuDescriptor.FILE);
        QemuDescriptor written = new QemuDescriptor(QemuFirmware.OVMF_SECUREBOOT, "2.0", true);
        written.write(file);
        assertThat(QemuDescriptor.read(file)).isEqualTo(written);
    }

    @Test
    void refusesMissingFields() {
        assertThat(QemuDescriptor.parse("{\"firmware\":\"seabios\",\"tpmVersion\":\"1.2\",\"smm\":false}")
                .firmware()).isEqualTo(QemuFirmware.SEABIOS);
        assertThatThrownBy(() -> QemuDescriptor.parse("{\"firmware\":\"ovmf\"}"))
                .hasMessageContaining("tpmVersion");
        assertThatThrownBy(() -> QemuDescriptor.parse("[]")).hasMessageContaining("not a JSON object");
    }

    @Test
    void aDamagedFileIsNamedInOneLineWithItsControlCharactersShown() throws IOException {
        Path file = Files.writeString(machine.resolve(QemuDescriptor.FILE),
                "{\"firmware\":\"ovmf\\n\\u001b[31mred\",\"tpmVersion\":\"2.0\",\"smm\":false}");
        assertThatThrownBy(() -> QemuDescriptor.read(file))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": unknown firmware 'ovmf\\n\\x1b[31mred' (use ovmf, ovmf-secureboot or seabios)");
    }

    @Test
    void anUnknownTpmVersionIsRefusedShownVisibly() {
        assertThatThrownBy(() -> QemuDescriptor.parse("{\"firmware\":\"ovmf\",\"tpmVersion\":\"2.0\\r\",\"smm\":false}"))
                .hasMessage("unknown TPM version '2.0\\r' (use 2.0 or 1.2)");
    }
}
