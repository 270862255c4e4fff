package dev.custody.machine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KVM is used only when a kernel prints its banner on it: a /dev/kvm on which QEMU starts but the
 * guest hangs must fall back to TCG, not time out every boot.
 */
class QemuAcceleratorTest {
    @TempDir
    Path dir;

    /** Whatever the host's KVM, something that never prints a banner is never taken for a booting kernel. */
    @Test
    void aKernelThatPrintsNothingDoesNotCountAsBooting() throws Exception {
        Path notAKernel = Files.write(dir.resolve("vmlinuz"), new byte[4096]);

        assertThat(QemuBoot.Accelerator.kernelBootsOnKvm(notAKernel)).isFalse();
    }
}
