package dev.custody.machine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What 'lab create --firmware' refuses before it writes anything. */
class QemuCreatorTest {
    @TempDir
    Path work;

    @Test
    void ovmfWithATpm12IsRefusedInOneLineAndNothingIsCreated() {
        Path directory = work.resolve("machine");
        for (QemuFirmware ovmf : new QemuFirmware[] {QemuFirmware.OVMF, QemuFirmware.OVMF_SECUREBOOT}) {
            assertThatThrownBy(() -> QemuCreator.create(directory, ovmf, "1.2",
                    new QemuCreator.Initramfs.Image(work.resolve("initrd.img")), Optional.of(work.resolve("vmlinuz")),
                    Duration.ofSeconds(1)))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("OVMF measures the boot into a TPM 2.0 only: use --tpm-version 2.0, or --firmware seabios"
                            + " for a TPM 1.2 (as on a legacy BIOS laptop)");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void aPackageRootWithoutCustodyIsRefusedBeforeAnythingIsWritten() {
        Path directory = work.resolve("machine");
        Path kernel = QemuCreator.newestKernel();
        assertThatThrownBy(() -> QemuCreator.create(directory, QemuFirmware.OVMF, "2.0",
                new QemuCreator.Initramfs.FromPackage(work.resolve("no-package")), Optional.of(kernel), Duration.ofSeconds(1)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no Custody initramfs hook")
                .hasMessageContaining("bin/package --root");
        assertThat(directory).doesNotExist();
    }
}
