package dev.custody.tpm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.testing.Swtpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The character-device transport against a real character device: a pseudo-terminal that socat
 * joins to swtpm's server port. The tty layer delivers responses in pieces, which is harder than
 * /dev/tpmrm0 (one read, one response) and exercises the reassembly.
 */
class DeviceTransportTest {
    @TempDir
    Path work;

    @Test
    void talksToATpmThroughACharacterDevice() throws Exception {
        try (Swtpm swtpm = Swtpm.start()) {
            Path device = work.resolve("tpm0");
            Process socat = new ProcessBuilder("socat", "PTY,link=" + device + ",rawer",
                    "TCP:127.0.0.1:" + swtpm.port()).redirectErrorStream(true).start();
            try {
                awaitFile(device);
                try (Tpm tpm = Tpms.open(TpmSpec.parse("device:" + device))) {
                    assertThat(tpm.readPcrs(PcrBank.SHA256, PcrPolicy.parseList("0-23"))).hasSize(24);
                    PcrPolicy policy = new PcrPolicy(List.of(7), false);
                    tpm.sealPersistent(SealRequest.of(Secret.copyOf("via a device".getBytes()), policy),
                            tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000a00));
                    try (Secret unsealed = tpm.unseal(0x81000a00, policy, Secret.empty())) {
                        assertThat(new String(unsealed.bytes())).isEqualTo("via a device");
                    }
                }
            } finally {
                socat.destroy();
                socat.waitFor();
            }
        }
    }

    @Test
    void aMissingDeviceSaysHowToUseAVirtualTpm() {
        assertThatThrownBy(() -> DeviceTransport.open(Path.of("/nonexistent")))
                .hasMessage("no TPM device at /nonexistent; to use a virtual TPM instead, "
                        + "pass --tpm vtpm:DIR (or set CUSTODY_TPM=vtpm:DIR)");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(file).exists();
    }
}
