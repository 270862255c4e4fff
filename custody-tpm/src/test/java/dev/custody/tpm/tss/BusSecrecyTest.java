package dev.custody.tpm.tss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.common.Secret;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.testing.RecordingTransport;
import dev.custody.tpm.testing.Swtpm;
import dev.custody.tpm.transport.SwtpmTransport;
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

    @Test
    void secretsNeverCrossTheBusInTheClear() {
        try (Swtpm swtpm = Swtpm.start()) {
            RecordingTransport bus = new RecordingTransport(SwtpmTransport.connect("127.0.0.1", swtpm.port()));
            byte[] random;
            try (TssTpm tpm = new TssTpm(bus, () -> {})) {
                tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
                PcrPolicy policy = new PcrPolicy(List.of(0, 2), true);
                tpm.sealPersistent(SealRequest.of(Secret.copyOf(SEALED), policy)
                        .withAuth(Secret.copyOf(PASSPHRASE)).withOwnerAuth(Secret.copyOf(OWNER)),
                        tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000500));
                try (Secret unsealed = tpm.unseal(0x81000500, policy, Secret.copyOf(PASSPHRASE))) {
                    assertThat(unsealed.bytes()).isEqualTo(SEALED);
                }
                try (Secret secret = tpm.random(20)) {
                    random = secret.bytes().clone();
                }
            }
            assertThat(bus.traffic().length).isGreaterThan(1000);
            assertThat(bus.saw(SEALED)).as("sealed data on the bus").isFalse();
            assertThat(bus.saw(PASSPHRASE)).as("object passphrase on the bus").isFalse();
            assertThat(bus.saw(OWNER)).as("owner passphrase on the bus").isFalse();
            assertThat(bus.saw(random)).as("random seed on the bus").isFalse();
        }
    }
}
