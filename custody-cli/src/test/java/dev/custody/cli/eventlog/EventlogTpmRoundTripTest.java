package dev.custody.cli.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.eventlog.CorebootTpm2LogWriter;
import dev.custody.eventlog.CorebootTpm2LogWriter.Measurement;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures into a real swtpm through custody-tpm while writing a coreboot log, as the lab machine
 * does; {@code eventlog check --tpm} (and {@code --pcrs} with tpm2_pcrread's output) must match,
 * and must name the PCR of an unlogged extend.
 */
class EventlogTpmRoundTripTest {
    private static final List<Measurement> MEASUREMENTS = List.of(
            measurement(2, "CBFS: fallback/romstage", "romstage bytes"),
            measurement(2, "CBFS: fallback/ramstage", "ramstage bytes"),
            measurement(2, "CBFS: fallback/payload", "payload bytes"),
            measurement(7, "CBFS: heads/initrd/.gnupg/pubring.kbx", "keyring bytes"));

    @Test
    void checkMatchesTheTpmUntilAnUnloggedExtend(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("tpm2.log");
        try (Swtpm swtpm = Swtpm.start()) {
            List<Measurement> logged = new ArrayList<>();
            try (Tpm tpm = swtpm.open()) {
                for (Measurement m : MEASUREMENTS) {
                    tpm.extend(m.pcr(), Map.of(PcrBank.SHA256, m.digest().toArray()));
                    logged.add(m);
                }
            }
            CorebootTpm2LogWriter.write(log, HashAlgorithm.SHA256, logged, 32);

            CliRun match = CliRun.of("eventlog", "check", log.toString(), "--tpm", swtpm.spec());
            assertThat(match.exitCode()).as(match.out() + match.err()).isZero();
            assertThat(match.out()).contains("sha256  PCR  2  matches", "sha256  PCR  7  matches",
                    "result: every PCR the log touches matches (2 PCRs)");

            Path pcrread = dir.resolve("pcrread.yaml");
            Files.writeString(pcrread, swtpm.tpm2("tpm2_pcrread", "sha256:2,7"));
            CliRun fromPcrread = CliRun.of("eventlog", "check", log.toString(), "--pcrs", pcrread.toString());
            assertThat(fromPcrread.exitCode()).as(fromPcrread.out() + fromPcrread.err()).isZero();

            try (Tpm tpm = swtpm.open()) {
                tpm.extend(2, Map.of(PcrBank.SHA256, PcrBank.SHA256.hash("not in the log".getBytes(StandardCharsets.US_ASCII))));
            }
            CliRun mismatch = CliRun.of("eventlog", "check", log.toString(), "--tpm", swtpm.spec());
            assertThat(mismatch.exitCode()).isEqualTo(1);
            assertThat(mismatch.out()).contains(
                    "sha256  PCR  2  MISMATCH: the TPM holds measurements this log does not explain",
                    "sha256  PCR  7  matches",
                    "result: MISMATCH");
        }
    }

    private static Measurement measurement(int pcr, String name, String content) {
        return new Measurement(pcr, HashAlgorithm.SHA256.digest(content.getBytes(StandardCharsets.US_ASCII)), name);
    }
}
