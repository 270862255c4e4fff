package dev.custody.cli.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tpm commands exactly as the acceptance checks invoke them, against a real swtpm. */
class TpmCliTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path work;

    @Test
    void infoNamesTheTpmAndItsBanks() {
        CliRun run = CliRun.of("tpm", "info", "--tpm", swtpm.spec());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Manufacturer:  IBM").contains("sha256").contains("not locked out");
    }

    @Test
    void extendShowsTheValueTpm2PcrreadReads() {
        CliRun run = CliRun.of("tpm", "extend", "--tpm", swtpm.spec(), "--pcr", "23", "--data", "measured");
        assertThat(run.exitCode()).isZero();
        Matcher reported = Pattern.compile("sha256:23 = ([0-9a-f]{64})").matcher(run.out());
        assertThat(reported.find()).isTrue();
        assertThat(swtpm.tpm2("tpm2_pcrread", "sha256:23").toLowerCase()).contains("0x" + reported.group(1));

        CliRun json = CliRun.of("tpm", "pcrs", "--tpm", swtpm.spec(), "--bank", "sha256", "--pcrs", "23", "--json");
        assertThat(json.out()).contains("\"sha256\": {").contains("\"23\": \"" + reported.group(1) + "\"");
    }

    @Test
    void sealUnsealAndTheExplainedRefusal() throws IOException {
        Path secret = Files.writeString(work.resolve("secret"), "hunter2-and-more");
        Path auth = Files.writeString(work.resolve("auth"), "a passphrase\n");
        assertThat(CliRun.of("tpm", "seal", "--tpm", swtpm.spec(), "--pcrs", "14,15", "--auth-file", auth.toString(),
                "--in", secret.toString(), "--handle", "0x81000700", "--replace", "--state-dir", work.toString()).exitCode()).isZero();

        Path out = work.resolve("unsealed");
        CliRun unsealed = CliRun.of("tpm", "unseal", "--tpm", swtpm.spec(), "--handle", "0x81000700", "--pcrs", "14,15",
                "--auth-file", auth.toString(), "--out", out.toString(), "--state-dir", work.toString());
        assertThat(unsealed.exitCode()).isZero();
        assertThat(Files.readString(out)).isEqualTo("hunter2-and-more");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");

        assertThat(CliRun.of("tpm", "extend", "--tpm", swtpm.spec(), "--pcr", "15", "--data", "tampered").exitCode())
                .isZero();
        CliRun refused = CliRun.of("tpm", "unseal", "--tpm", swtpm.spec(), "--handle", "0x81000700", "--pcrs", "14,15",
                "--auth-file", auth.toString(), "--out", work.resolve("never").toString(), "--state-dir", work.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("custody: TPM_RC_POLICY_FAIL (session 1): the measured state "
                + "(PCRs 14,15) differs from when this secret was sealed; changed since sealing: PCR 15");
        assertThat(work.resolve("never")).doesNotExist();
    }

    @Test
    void aMissingDeviceIsOneLineAndNonZero() {
        CliRun run = CliRun.of("tpm", "pcrs", "--tpm", "device:/nonexistent");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("no TPM device at /nonexistent").contains("vtpm:DIR");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badArgumentsAreUsageErrorsWithoutStackTraces() {
        CliRun run = CliRun.of("tpm", "pcrs", "--tpm", "floppy:/dev/fd0");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("unknown TPM 'floppy:/dev/fd0'").doesNotContain("Exception");
        assertThat(CliRun.of("tpm", "pcrs", "--tpm", swtpm.spec(), "--pcrs", "99").err())
                .contains("PCR 99 does not exist");
    }

    @Test
    void quoteVerifies() {
        CliRun run = CliRun.of("tpm", "quote", "--tpm", swtpm.spec(), "--pcrs", "0-7", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"verified\": true").contains("\"attestationKey\"");
    }

    @Test
    void persistentObjectsAreListedAndEvicted() throws IOException {
        Path secret = Files.writeString(work.resolve("s"), "x");
        CliRun.of("tpm", "seal", "--tpm", swtpm.spec(), "--pcrs", "0", "--in", secret.toString(), "--handle",
                "0x81000b00", "--replace", "--state-dir", work.toString());
        assertThat(CliRun.of("tpm", "persistent", "list", "--tpm", swtpm.spec()).out()).contains("0x81000b00");
        assertThat(CliRun.of("tpm", "persistent", "evict", "--tpm", swtpm.spec(), "--handle", "0x81000b00").exitCode())
                .isZero();
        assertThat(CliRun.of("tpm", "persistent", "list", "--tpm", swtpm.spec()).out()).doesNotContain("0x81000b00");
    }
}
