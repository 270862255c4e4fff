package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What must survive a reboot (NV, counters, persistent objects) and what must not (PCRs). */
class TpmLifecycleTest {
    private static final int NV_INDEX = 0x01500010;
    private static final int COUNTER_INDEX = 0x01500020;
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void powerCycleResetsPcrsAndIdenticalRemeasurementUnsealsAgain() {
        PcrPolicy policy = new PcrPolicy(List.of(11), false);
        byte[] measurement = PcrBank.SHA256.hash("kernel".getBytes(StandardCharsets.UTF_8));
        byte[] secret = "boot secret".getBytes(StandardCharsets.UTF_8);
        try (Tpm tpm = swtpm.open()) {
            tpm.extend(11, Map.of(PcrBank.SHA256, measurement));
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(secret), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000200));
            tpm.extend(11, Map.of(PcrBank.SHA256, measurement));
            assertThatThrownBy(() -> tpm.unseal(0x81000200, policy, Secret.empty()))
                    .isInstanceOf(PolicyMismatchException.class);

            tpm.powerControl().orElseThrow().powerCycle();
            assertThat(tpm.readPcrs(PcrBank.SHA256, List.of(11)).get(11)).isEqualTo(new byte[32]);

            tpm.extend(11, Map.of(PcrBank.SHA256, measurement));
            try (Secret unsealed = tpm.unseal(0x81000200, policy, Secret.empty())) {
                assertThat(unsealed.bytes()).isEqualTo(secret);
            }
        }
    }

    @Test
    void nvWriteSurvivesPowerCycleAndSwtpmRestart() {
        byte[] data = "heads rollback record".getBytes(StandardCharsets.UTF_8);
        try (Tpm tpm = swtpm.open()) {
            tpm.defineNv(NV_INDEX, data.length, Secret.empty());
            tpm.writeNv(NV_INDEX, data, 0);
            tpm.powerControl().orElseThrow().powerCycle();
            assertThat(tpm.readNv(NV_INDEX)).isEqualTo(data);
        }
        swtpm.restart();
        try (Tpm tpm = swtpm.open()) {
            assertThat(tpm.readNv(NV_INDEX)).isEqualTo(data);
            tpm.undefineNv(NV_INDEX, Secret.empty());
            assertThatThrownBy(() -> tpm.readNv(NV_INDEX)).hasMessageContaining("is not defined");
        }
    }

    @Test
    void countersOnlyGoUpAcrossPowerCyclesAndRestarts() {
        long first;
        try (Tpm tpm = swtpm.open()) {
            tpm.defineCounter(COUNTER_INDEX, Secret.empty());
            first = tpm.incrementCounter(COUNTER_INDEX);
            assertThat(tpm.incrementCounter(COUNTER_INDEX)).isEqualTo(first + 1);
            tpm.powerControl().orElseThrow().powerCycle();
            long afterCycle = tpm.readCounter(COUNTER_INDEX);
            assertThat(afterCycle).isGreaterThanOrEqualTo(first + 1);
            assertThat(tpm.incrementCounter(COUNTER_INDEX)).isGreaterThan(afterCycle);
        }
        swtpm.restart();
        try (Tpm tpm = swtpm.open()) {
            assertThat(tpm.readCounter(COUNTER_INDEX)).isGreaterThan(first + 1);
        }
    }

    @Test
    void definingAnExistingIndexIsRefusedClearly() {
        try (Tpm tpm = swtpm.open()) {
            tpm.defineNv(0x01500030, 8, Secret.empty());
            assertThatThrownBy(() -> tpm.defineNv(0x01500030, 8, Secret.empty()))
                    .hasMessage("NV index 0x01500030 is already defined");
        }
    }
}
