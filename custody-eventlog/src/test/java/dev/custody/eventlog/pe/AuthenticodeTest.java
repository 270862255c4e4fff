package dev.custody.eventlog.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.eventlog.Event;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.EventType;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.OvmfLog;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthenticodeTest {
    @Test
    void theKernelFileHashesAsOsslsigncodeComputesIt() {
        assertThat(Authenticode.digest(OvmfLog.kernel(), HashAlgorithm.SHA256).hex()).isEqualTo(OvmfLog.KERNEL_SHA256);
    }

    @Test
    void theImageQemuPassesHashesAsOvmfMeasuredItInBothBanks() {
        byte[] measured = QemuKernelImage.patched(OvmfLog.kernel(), OvmfLog.INITRD_SIZE, OvmfLog.RAM);
        Event event = kernelEvent(EventLogs.parse(OvmfLog.log()));
        for (HashAlgorithm bank : new HashAlgorithm[] {HashAlgorithm.SHA1, HashAlgorithm.SHA256}) {
            assertThat(Authenticode.digest(measured, bank)).as(bank.bankName()).isEqualTo(event.digest(bank).orElseThrow());
        }
    }

    @Test
    void theCertificateTableChecksumAndTrailingSignatureAreLeftOut() {
        byte[] kernel = OvmfLog.kernel();
        PeImage parsed = PeImage.parse(kernel);
        byte[] changed = kernel.clone();
        changed[(int) parsed.header().checksumOffset()] ^= 1;
        changed[(int) parsed.header().certificateTable().offset() + 100] ^= 1;
        assertThat(Authenticode.digest(changed, HashAlgorithm.SHA256).hex()).isEqualTo(OvmfLog.KERNEL_SHA256);
        changed[(int) parsed.sections().sections().getLast().pointerToRawData()] ^= 1;
        assertThat(Authenticode.digest(changed, HashAlgorithm.SHA256).hex()).isNotEqualTo(OvmfLog.KERNEL_SHA256);
    }

    @Test
    void brokenImagesAreRefusedNamingTheField() {
        byte[] kernel = OvmfLog.kernel();
        assertThatThrownBy(() -> Authenticode.digest(Arrays.copyOf(kernel, 200), HashAlgorithm.SHA256))
                .isInstanceOf(MalformedImageException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Authenticode.digest(Arrays.copyOf(kernel, 8000), HashAlgorithm.SHA256))
                .isInstanceOf(MalformedImageException.class).hasMessageContaining("Certificate Table (0x5c0 bytes at 0x7dd200)");
        assertThatThrownBy(() -> Authenticode.digest("#!/bin/sh\necho not an image\n".getBytes(), HashAlgorithm.SHA256))
                .isInstanceOf(MalformedImageException.class).hasMessageContaining("\"MZ\"");
        byte[] dos = Arrays.copyOf(kernel, kernel.length);
        dos[0x3c] = 0x10;
        assertThatThrownBy(() -> PeImage.parse(dos)).hasMessageContaining("no PE signature at offset 0x10");
    }

    static Event kernelEvent(EventLog log) {
        return log.events().stream().filter(e -> e.type() == EventType.Tcg.EV_EFI_BOOT_SERVICES_APPLICATION)
                .reduce((a, b) -> { throw new AssertionError("more than one boot application"); }).orElseThrow();
    }
}
