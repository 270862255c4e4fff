package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PcrCheckTest {

    @Test
    void replayedValuesMatchThemselves() throws IOException {
        EventLog log = EventLogs.read(Corpus.file("hirs-laptop_default_binary_bios_measurements"));
        PcrCheck.Report report = PcrCheck.check(log, new PcrValues(Replayer.replay(log).pcrs()));
        assertThat(report.allMatch()).isTrue();
        assertThat(report.results()).allMatch(r -> r.verdict() instanceof PcrCheck.Match);
    }

    /** go-attestation TestEBSVerifyWorkaround: this firmware extends ExitBootServices events it never logs. */
    @Test
    void missingExitBootServicesEventsAreWorkedAroundAndReported() throws IOException {
        EventLog log = EventLogs.read(Corpus.file("goattest-ebs_event_missing_eventlog.bin"));
        SortedMap<Integer, Bytes> actual = new TreeMap<>(Replayer.replay(log).bank(HashAlgorithm.SHA1));
        actual.put(5, Bytes.fromHex("31245808d6d35849bc394f6343f2b3ff908ed5e3"));
        PcrCheck.Report report = PcrCheck.check(log, new PcrValues(Map.of(HashAlgorithm.SHA1, actual)));
        assertThat(report.allMatch()).isTrue();
        assertThat(verdict(report, 5)).isInstanceOf(PcrCheck.MatchWithWorkaround.class);
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("sha1 PCR 5 matches after a workaround: the log lacks"
                + " the ExitBootServices events \"Exit Boot Services Invocation\""));
        assertThat(verdict(report, 4)).isInstanceOf(PcrCheck.Match.class);
    }

    @Test
    void workaroundIsNotAppliedWhereItDoesNotMakeTheLogMatch() throws IOException {
        EventLog log = EventLogs.read(Corpus.file("goattest-ebs_event_missing_eventlog.bin"));
        SortedMap<Integer, Bytes> actual = new TreeMap<>(Replayer.replay(log).bank(HashAlgorithm.SHA1));
        actual.put(5, Bytes.filled(20, 0x42));
        PcrCheck.Report report = PcrCheck.check(log, new PcrValues(Map.of(HashAlgorithm.SHA1, actual)));
        assertThat(report.allMatch()).isFalse();
        assertThat(verdict(report, 5)).isInstanceOf(PcrCheck.Mismatch.class);
        assertThat(report.warnings()).noneMatch(w -> w.contains("workaround"));
    }

    @Test
    void mismatchSaysWhetherTheLogClaimsTooMuchOrTooLittle() throws IOException {
        EventLog log = EventLogs.read(Corpus.file("hirs-TpmLog.bin"));
        HashAlgorithm bank = HashAlgorithm.SHA256;
        SortedMap<Integer, Bytes> actual = new TreeMap<>(Replayer.replay(log).bank(bank));
        actual.put(4, Replayer.history(log, bank, 4).get(1));
        actual.put(7, Bytes.filled(32, 0));
        actual.put(2, bank.extend(actual.get(2), Bytes.filled(32, 1)));
        PcrCheck.Report report = PcrCheck.check(log, new PcrValues(Map.of(bank, actual)));

        assertThat(report.allMatch()).isFalse();
        assertThat(verdict(report, 4).describe()).contains("the TPM received only 1 of the");
        assertThat(verdict(report, 7).describe()).contains("never extended");
        assertThat(verdict(report, 2).describe()).contains("the log is incomplete or was altered");
        assertThat(verdict(report, 0)).isInstanceOf(PcrCheck.Match.class);
    }

    @Test
    void aPcrWithNoActualValueInAnyBankFailsTheCheck() throws IOException {
        EventLog log = EventLogs.read(Corpus.file("hirs-TpmLog.bin"));
        SortedMap<Integer, Bytes> actual = new TreeMap<>(Replayer.replay(log).bank(HashAlgorithm.SHA256));
        actual.remove(3);
        PcrCheck.Report report = PcrCheck.check(log, new PcrValues(Map.of(HashAlgorithm.SHA256, actual)));
        assertThat(verdict(report, 3)).isInstanceOf(PcrCheck.NotAvailable.class);
        assertThat(report.allMatch()).isFalse();
    }

    @Test
    void pcrFileInReplayJsonFormatIsRead() {
        PcrValues values = PcrValues.fromJson("{\"pcrs\": {\"sha1\": {\"7\": \"" + "ab".repeat(20) + "\"}}, \"warnings\": []}");
        assertThat(values.banks().get(HashAlgorithm.SHA1)).containsEntry(7, Bytes.filled(20, 0xab));
    }

    @Test
    void pcrFileInTpm2PcrreadFormatIsRead() {
        PcrValues values = PcrValues.parse("sha1:\n  7 : 0x" + "AB".repeat(20) + "\nsha256:\n  0 : 0x" + "00".repeat(32) + "\n");
        assertThat(values.banks().get(HashAlgorithm.SHA1)).containsEntry(7, Bytes.filled(20, 0xab));
        assertThat(values.banks().get(HashAlgorithm.SHA256)).containsOnlyKeys(0);
    }

    @Test
    void pcrFileInNeitherFormatIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcrValues.parse("hello\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PCR file: neither JSON nor tpm2_pcrread output (\"hello\")");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcrValues.parse("{\"sha1\": {\"7\": 1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("PCR file: not valid JSON: ")
                .hasMessageContaining("(line 1, column").hasMessageNotContaining("\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcrValues.parse("{\"sha1\": {}} trailing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("PCR file: not valid JSON: ");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PcrValues.parse("{\"sha1\": {\"7\": \"" + "ab".repeat(20) + "\", \"7\": \"" + "cd".repeat(20) + "\"}}"))
                .as("a repeated PCR is refused, not silently overwritten")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcrValues.parse("[".repeat(5000)))
                .as("deep nesting is refused, not a stack overflow")
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PcrCheck.Verdict verdict(PcrCheck.Report report, int pcr) {
        return report.results().stream().filter(r -> r.pcr() == pcr).findFirst().orElseThrow().verdict();
    }
}
