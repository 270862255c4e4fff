package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.PcrValues;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real log's banks read from a real (software) TPM: every platform PCR, even those the log never names. */
class TpmPcrsTest {
    private static final Path LOG = Path.of("../testdata/corpus/eventlogs/tpm2tools-event-uefiservices.bin")
            .toAbsolutePath().normalize();

    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void everyPlatformPcrOfTheLogsBanksIsReadAsTheTpmHoldsIt() throws Exception {
        EventLog log = EventLogs.read(LOG);
        try (Tpm tpm = swtpm.open()) {
            tpm.extend(16, java.util.Map.of(PcrBank.SHA256, new byte[32]));

            PcrValues values = TpmPcrs.forLog(tpm, log);

            assertThat(values.banks()).containsKey(HashAlgorithm.SHA256);
            assertThat(values.banks().get(HashAlgorithm.SHA256)).hasSize(24);
            assertThat(values.banks().get(HashAlgorithm.SHA256).get(16).hex())
                    .isEqualTo(HexFormat.of().formatHex(tpm.readPcrs(PcrBank.SHA256, List.of(16)).get(16)));
            assertThat(values.banks().get(HashAlgorithm.SHA256).get(16).hex()).isNotEqualTo("00".repeat(32));
            assertThat(values.banks().get(HashAlgorithm.SHA256).get(0).hex()).isEqualTo("00".repeat(32));
        }
    }
}
