package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Replays logs whose PCR values their publishers recorded (HIRS, go-attestation). */
class ExpectedValuesTest {

    @Test
    void hirsCryptoAgileLogReplaysToItsExpectedPcrs() throws IOException {
        assertMatchesExpectedFile("hirs-TpmLog.bin", "hirs-TpmLogExpectedPcrs.txt", HashAlgorithm.SHA256);
    }

    @Test
    void hirsSha1LogReplaysToItsExpectedPcrs() throws IOException {
        assertMatchesExpectedFile("hirs-TpmLogSHA1.bin", "hirs-TpmLogSHA1ExpectedPcrs.txt", HashAlgorithm.SHA1);
    }

    /**
     * Values from go-attestation attest/secureboot_test.go, TestSecureBootBug157 (@01dcb11). Its PCR 10
     * comes from IMA, which this firmware log does not contain.
     */
    @Test
    void goAttestationSbCertLogReplaysToItsExpectedPcrs() throws IOException {
        Replay replay = replay("goattest-sb_cert_eventlog.bin");
        assertThat(hex(replay.bank(HashAlgorithm.SHA1))).containsAllEntriesOf(java.util.Map.of(
                0, "51c323de0c0c694f4601cdd02beb58ff13629f74",
                4, "b771008d173c022bc16f4b4d1a7f8b99ed88eeb1",
                5, "d7396ac6e887da22dea03b40952f70b8dbd2a996",
                7, "45a8621d34a57df2b2e7f14c92b99ac8de7d5805"));
        assertThat(hex(replay.bank(HashAlgorithm.SHA256))).containsAllEntriesOf(java.util.Map.of(
                0, "fcecb56acc303862b30eb342c4990beb50b5e0ab89722449c2d9a73f37b019fe",
                4, "a92968806f795fa34435d9f11813684ca1e7056077f700ba49f26f9962f86d89",
                5, "cc8618b77932b4efda12cc58bad93ecdd1959dea29e5ab794525a619f5baabee",
                7, "51b30488c9e6255d822bdc1b20d9a92c32bde6c3e7bc02bcdd32825eb5ef069a"));
        assertOthersAtResetValue(replay, List.of(0, 4, 5, 7));
    }

    /** Values from go-attestation attest/secureboot_test.go, TestSecureBootOptionRom (@01dcb11). */
    @Test
    void goAttestationOptionRomLogReplaysToItsExpectedPcrs() throws IOException {
        Replay replay = replay("goattest-option_rom_eventlog.bin");
        assertThat(hex(replay.bank(HashAlgorithm.SHA1))).containsAllEntriesOf(java.util.Map.of(
                0, "01518aedc87a0ef505d27261ef835809e7da0086",
                1, "bebff4c08a6677473ab604cedefb82f850cde883",
                2, "366a31a0c075368f0e10857333ea2ed6e8a00fd3",
                3, "b2a83b0ebf2f8374299a5b2bdfc31ea955ad7236",
                4, "39f388c3959e904694726f4c015b6dceae0680a1",
                5, "723a0520cf7f2978548742bd1541706b2446459e",
                6, "b2a83b0ebf2f8374299a5b2bdfc31ea955ad7236",
                7, "20de7dfba6bcdfccadad7e3eb099c91d4d97c5ad"));
    }

    @Test
    void startupLocalityAloneSetsPcrZeroToTheLocality() throws IOException {
        Replay replay = replay("goattest-short_no_action_eventlog.bin");
        assertThat(hex(replay.bank(HashAlgorithm.SHA1)))
                .containsExactlyEntriesOf(java.util.Map.of(0, "0000000000000000000000000000000000000003"));
    }

    private static void assertMatchesExpectedFile(String log, String expected, HashAlgorithm bank) throws IOException {
        List<String> lines = Files.readAllLines(Corpus.file(expected)).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(24);
        SortedMap<Integer, Bytes> replayed = replay(log).bank(bank);
        assertThat(replayed).isNotEmpty();
        for (int pcr = 0; pcr < 24; pcr++) {
            Bytes value = replayed.getOrDefault(pcr, Replayer.startValue(EventLogs.parse(Corpus.bytes(log)), bank, pcr));
            assertThat(value.hex()).as("%s PCR %d", bank.bankName(), pcr).isEqualTo(lines.get(pcr).strip());
        }
    }

    private static void assertOthersAtResetValue(Replay replay, List<Integer> touched) {
        for (HashAlgorithm bank : replay.pcrs().keySet()) {
            replay.bank(bank).forEach((pcr, value) -> {
                if (!touched.contains(pcr)) {
                    assertThat(value).as("%s PCR %d", bank, pcr).isEqualTo(Bytes.filled(bank.digestLength(), 0));
                }
            });
        }
    }

    private static Replay replay(String name) throws IOException {
        return Replayer.replay(EventLogs.read(Corpus.file(name)));
    }

    private static java.util.Map<Integer, String> hex(SortedMap<Integer, Bytes> values) {
        java.util.Map<Integer, String> out = new java.util.TreeMap<>();
        values.forEach((pcr, value) -> out.put(pcr, value.hex()));
        return out;
    }
}
