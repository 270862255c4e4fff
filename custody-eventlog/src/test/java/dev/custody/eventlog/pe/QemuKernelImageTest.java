package dev.custody.eventlog.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.eventlog.OvmfLog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QemuKernelImageTest {
    @Test
    void theReleaseIsWhatTheModulesFolderIsNamedAfter() {
        assertThat(QemuKernelImage.release(OvmfLog.kernel())).isEqualTo(OvmfLog.KERNEL.getFileName().toString().substring("vmlinuz-".length()));
    }

    @Test
    void appendedBytesKeepTheRelease() {
        byte[] kernel = OvmfLog.kernel();
        byte[] longer = java.util.Arrays.copyOf(kernel, kernel.length + 64);
        assertThat(QemuKernelImage.release(longer)).isEqualTo(QemuKernelImage.release(kernel));
    }

    @Test
    void aFileThatIsNoBzImageIsRefusedNamingWhy() {
        byte[] text = "not a kernel at all, just some text that is long enough to reach the setup header's fields"
                .repeat(20).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> QemuKernelImage.release(text)).isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("not a Linux bzImage");
        assertThatThrownBy(() -> QemuKernelImage.release(new byte[16])).isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("truncated");
    }
}
