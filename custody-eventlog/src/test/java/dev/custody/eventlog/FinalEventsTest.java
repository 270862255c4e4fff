package dev.custody.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real OVMF log, and the same log without the EFI stub's PCR 9 events, checked against the TPM's PCRs. */
class FinalEventsTest {
    @Test
    void theRealLogReproducesEveryPcr() {
        PcrCheck.Report report = PcrCheck.check(EventLogs.parse(OvmfLog.log()), OvmfLog.pcrs());
        assertThat(report.allMatch()).as(report.toString()).isTrue();
    }

    @Test
    void aLogWithoutTheEfiStubsEventsNamesPcr9AndTheFinalEventsTable() {
        byte[] raw = OvmfLog.log();
        EventLog log = EventLogs.parse(raw);
        List<Event> stub = log.events().stream().filter(e -> e.pcr() == 9).toList();
        assertThat(stub).hasSize(2);
        ByteArrayOutputStream without = new ByteArrayOutputStream();
        without.write(raw, 0, (int) stub.getFirst().offset());
        int after = (int) log.events().get(stub.getLast().index() + 1).offset();
        without.write(raw, after, raw.length - after);

        PcrCheck.Report report = PcrCheck.check(EventLogs.parse(without.toByteArray()), OvmfLog.pcrs());

        assertThat(report.allMatch()).isFalse();
        List<PcrCheck.PcrResult> mismatches = report.results().stream().filter(r -> r.verdict() instanceof PcrCheck.Mismatch).toList();
        assertThat(mismatches).extracting(PcrCheck.PcrResult::pcr).containsOnly(9);
        assertThat(mismatches.getFirst().verdict().describe())
                .contains("the log has no event for this PCR")
                .contains("events missing from the final-events table")
                .contains("EFI stub measures the initrd and command line");
    }

    @Test
    void allPcrsListsUntouchedOnesAtTheirResetValues() {
        Replay all = Replayer.replayAllPcrs(EventLogs.parse(OvmfLog.log()));
        assertThat(all.bank(HashAlgorithm.SHA256)).hasSize(24);
        assertThat(all.bank(HashAlgorithm.SHA256).get(8)).isEqualTo(Bytes.of(new byte[32]));
        assertThat(all.bank(HashAlgorithm.SHA256).get(17)).isEqualTo(Bytes.filled(32, 0xff));
        assertThat(all.bank(HashAlgorithm.SHA1).get(22)).isEqualTo(Bytes.filled(20, 0xff));
        assertThat(all.bank(HashAlgorithm.SHA256).get(23)).isEqualTo(Bytes.of(new byte[32]));
        assertThat(all.bank(HashAlgorithm.SHA256).get(4)).isEqualTo(OvmfLog.pcrs().banks().get(HashAlgorithm.SHA256).get(4));
    }
}
