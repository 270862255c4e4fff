package dev.custody.eventlog;

import static dev.custody.eventlog.CorebootFormatsTest.measurement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDiffTest {

    @Test
    void changedCbfsFileIsNamed() {
        EventLog before = cbt2(measurement(2, "CBFS: fallback/romstage"), measurement(2, "CBFS: fallback/ramstage"),
                measurement(7, "CBFS: heads/initrd/etc/config.user"));
        EventLog after = cbt2(measurement(2, "CBFS: fallback/romstage"),
                new CorebootTpm2LogWriter.Measurement(2, Bytes.filled(32, 7), "CBFS: fallback/ramstage"),
                measurement(7, "CBFS: heads/initrd/etc/config.user"), measurement(7, "CBFS: heads/initrd/extra"));

        LogDiff.Result diff = LogDiff.diff(before, after);
        assertThat(diff.bank()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(diff.pcrs()).extracting(LogDiff.PcrDiff::pcr).containsExactly(2, 7);
        assertThat(diff.pcrs().get(0).changes()).extracting(LogDiff.Change::description)
                .containsExactly("CBFS file fallback/ramstage changed");
        assertThat(diff.pcrs().get(1).changes()).extracting(LogDiff.Change::description)
                .containsExactly("CBFS file heads/initrd/extra added");
    }

    @Test
    void identicalLogsHaveNoDifferences() throws IOException {
        EventLog log = EventLogs.read(Corpus.file("tpm2tools-event-arch-linux.bin"));
        assertThat(LogDiff.diff(log, log).identical()).isTrue();
    }

    @Test
    void differentBootApplicationsAreReportedAsRemovedAndAdded() throws IOException {
        EventLog before = EventLogs.read(Corpus.file("goattest-sb_cert_eventlog.bin"));
        EventLog after = EventLogs.read(Corpus.file("goattest-coreos_36_shielded_vm_no_secure_boot_eventlog.bin"));
        LogDiff.PcrDiff pcr4 = LogDiff.diff(before, after).pcrs().stream().filter(p -> p.pcr() == 4).findFirst().orElseThrow();
        assertThat(pcr4.changes()).extracting(LogDiff.Change::description).contains(
                "boot application \\EFI\\fedora\\grubx64.efi added",
                "action \"Calling EFI Application from Boot Option\" added");
        assertThat(pcr4.changes()).anyMatch(c -> c.kind() == LogDiff.Kind.REMOVED
                && c.description().startsWith("boot application \\EFI\\BOOT\\BOOTX64.EFI on "));
    }

    /** A real log (digests: sha1, then sha256) whose boot loader digests were altered: the diff names the file. */
    @Test
    void alteredBootLoaderIsNamed() throws IOException {
        byte[] original = Corpus.bytes("hirs-laptop_default_binary_bios_measurements");
        EventLog before = EventLogs.parse(original);
        Event loader = before.events().stream()
                .filter(e -> EventDecoder.decode(e, before.format()) instanceof EventContent.ImageLoad image
                        && image.path().file().isPresent())
                .findFirst().orElseThrow();
        byte[] altered = original.clone();
        int digests = (int) loader.offset() + 12;
        altered[digests + 2] ^= 1;
        altered[digests + 2 + 20 + 2] ^= 1;

        LogDiff.Result diff = LogDiff.diff(before, EventLogs.parse(altered));
        assertThat(diff.pcrs()).singleElement().satisfies(pcr -> {
            assertThat(pcr.pcr()).isEqualTo(loader.pcr());
            assertThat(pcr.changes()).singleElement().satisfies(change -> {
                assertThat(change.kind()).isEqualTo(LogDiff.Kind.CHANGED);
                assertThat(change.description()).isEqualTo(EventDecoder.decode(loader, before.format()).subject() + " changed");
                assertThat(change.description()).matches("(?i).*\\\\EFI\\\\.*\\.efi changed");
            });
        });
    }

    @Test
    void logsWithoutACommonBankCannotBeCompared() throws IOException {
        EventLog sha1 = EventLogs.read(Corpus.file("hirs-TpmLogSHA1.bin"));
        EventLog sha256 = EventLogs.read(Corpus.file("hirs-TpmLog.bin"));
        assertThatThrownBy(() -> LogDiff.diff(sha1, sha256)).isInstanceOf(MalformedLogException.class)
                .hasMessage("the two logs share no PCR bank (sha1 versus sha256)");
    }

    private static EventLog cbt2(CorebootTpm2LogWriter.Measurement... measurements) {
        return EventLogs.parse(CorebootTpm2LogWriter.write(HashAlgorithm.SHA256, List.of(measurements), 8));
    }
}
