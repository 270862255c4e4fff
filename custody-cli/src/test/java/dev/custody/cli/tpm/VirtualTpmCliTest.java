package dev.custody.cli.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custody runs swtpm itself: in the background between start and stop, or just for one command. */
class VirtualTpmCliTest {
    @TempDir
    Path work;

    @Test
    void daemonKeepsPcrsBetweenCommandsAndNvAcrossRestarts() throws IOException {
        Path dir = work.resolve("vtpm");
        String spec = "vtpm:" + dir;
        try {
            assertThat(CliRun.of("tpm", "vtpm", "start", dir.toString()).exitCode()).isZero();
            assertThat(CliRun.of("tpm", "vtpm", "status", dir.toString()).out()).startsWith("running");

            CliRun.of("tpm", "extend", "--tpm", spec, "--pcr", "16", "--data", "a");
            String extended = CliRun.of("tpm", "pcrs", "--tpm", spec, "--bank", "sha256", "--pcrs", "16").out();
            assertThat(extended).doesNotContain("0000000000000000000000000000000000000000000000000000000000000000");

            assertThat(CliRun.of("tpm", "counter", "define", "--tpm", spec, "--index", "0x01600001").exitCode()).isZero();
            assertThat(CliRun.of("tpm", "counter", "increment", "--tpm", spec, "--index", "0x01600001").out().strip())
                    .isEqualTo("1");
            assertThat(CliRun.of("tpm", "nv", "define", "--tpm", spec, "--index", "0x01600002", "--size", "4", "--json").out())
                    .contains("\"index\": \"0x01600002\"").contains("\"size\": 4");
            CliRun.of("tpm", "nv", "write", "--tpm", spec, "--index", "0x01600002", "--data", "abcd");
            assertThat(CliRun.of("tpm", "nv", "read", "--tpm", spec, "--index", "0x01600002", "--json").out())
                    .contains("\"data\": \"61626364\"");
        } finally {
            CliRun.of("tpm", "vtpm", "stop", dir.toString());
        }
        assertThat(CliRun.of("tpm", "vtpm", "status", dir.toString()).exitCode()).isEqualTo(3);
        assertThat(CliRun.of("tpm", "vtpm", "stop", dir.toString(), "--json").out()).contains("\"stopped\": false");

        // Without a daemon, each command runs its own swtpm from the same state: NV stays, PCRs reset.
        assertThat(CliRun.of("tpm", "counter", "read", "--tpm", spec, "--index", "0x01600001").out().strip())
                .isEqualTo("1");
        assertThat(CliRun.of("tpm", "pcrs", "--tpm", spec, "--bank", "sha256", "--pcrs", "16").out())
                .contains("0000000000000000000000000000000000000000000000000000000000000000");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).contains("tpm2-00.permall");
    }

    @Test
    void sealRecordLetsUnsealNameTheChangedPcr() throws IOException {
        Path dir = work.resolve("vtpm2");
        String spec = "vtpm:" + dir;
        Path secret = Files.writeString(work.resolve("s"), "x");
        try {
            CliRun.of("tpm", "vtpm", "start", dir.toString());
            assertThat(CliRun.of("tpm", "seal", "--tpm", spec, "--pcrs", "0,16", "--in", secret.toString(),
                    "--handle", "0x81000800").exitCode()).isZero();
            assertThat(CliRun.of("tpm", "unseal", "--tpm", spec, "--handle", "0x81000800", "--out", "-").out())
                    .isEqualTo("x");
            CliRun.of("tpm", "extend", "--tpm", spec, "--pcr", "16", "--data", "changed");
            CliRun refused = CliRun.of("tpm", "unseal", "--tpm", spec, "--handle", "0x81000800", "--out", "-");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("PCRs 0,16").contains("changed since sealing: PCR 16");
        } finally {
            CliRun.of("tpm", "vtpm", "stop", dir.toString());
        }
    }
}
