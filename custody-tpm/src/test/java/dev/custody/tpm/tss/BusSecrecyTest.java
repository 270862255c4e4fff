package dev.custody.tpm.tss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Secret;
import dev.custody.tpm.testing.Swtpm;
import dev.custody.tpm.transport.SwtpmTransport;
import dev.custody.tpm.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records every byte that crosses between Custody and the TPM, as someone probing the bus of a
 * discrete TPM would, and checks that no secret appears in it.
 */
class BusSecrecyTest {
    private static final byte[] SEALED = "SEALED-SECRET-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSPHRASE = "PASSPHRASE-ABCDEFGH".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OWNER = "OWNER-PASSPHRASE-XYZ".getBytes(StandardCharsets.US_ASCII);

    private static final class Recording implements Transport {
        final Transport inner;
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Recording(Transport inner) {
            this.inner = inner;
        }

        @Override
        public byte[] transmit(byte[] command) {
            seen.writeBytes(command);
            byte[] response = inner.transmit(command);
            seen.writeBytes(response);
            return response;
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void secretsNeverCrossTheBusInTheClear() {
        try (Swtpm swtpm = Swtpm.start()) {
            Recording bus = new Recording(SwtpmTransport.connect("127.0.0.1", swtpm.port()));
            byte[] random;
            try (TssTpm tpm = new TssTpm(bus, () -> {})) {
                tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
                PcrPolicy policy = new PcrPolicy(List.of(0, 2), true);
                tpm.sealPersistent(Secret.copyOf(SEALED), policy, tpm.readPcrs(PcrBank.SHA256, policy.pcrs()),
                        Secret.copyOf(PASSPHRASE), 0x81000500, true, Secret.copyOf(OWNER));
                try (Secret unsealed = tpm.unseal(0x81000500, policy, Secret.copyOf(PASSPHRASE))) {
                    assertThat(unsealed.bytes()).isEqualTo(SEALED);
                }
                try (Secret secret = tpm.random(20)) {
                    random = secret.bytes().clone();
                }
            }
            byte[] traffic = bus.seen.toByteArray();
            assertThat(traffic.length).isGreaterThan(1000);
            assertThat(contains(traffic, SEALED)).as("sealed data on the bus").isFalse();
            assertThat(contains(traffic, PASSPHRASE)).as("object passphrase on the bus").isFalse();
            assertThat(contains(traffic, OWNER)).as("owner passphrase on the bus").isFalse();
            assertThat(contains(traffic, random)).as("random seed on the bus").isFalse();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
