package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Tpm interface against a real swtpm. */
class TpmTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void extendFollowsTheExtendRuleInEveryActiveBank() {
        try (Tpm tpm = swtpm.open()) {
            assertThat(tpm.activeBanks()).contains(PcrBank.SHA256);
            byte[] before = tpm.readPcrs(PcrBank.SHA256, List.of(16)).get(16);
            byte[] digest = PcrBank.SHA256.hash("custody".getBytes(StandardCharsets.UTF_8));
            tpm.extend(16, Map.of(PcrBank.SHA256, digest));
            assertThat(tpm.readPcrs(PcrBank.SHA256, List.of(16)).get(16))
                    .isEqualTo(PcrBank.SHA256.extend(before, digest));
        }
    }

    @Test
    void readsAllTwentyFourPcrsAcrossSeveralCommands() {
        try (Tpm tpm = swtpm.open()) {
            SortedMap<Integer, byte[]> all = tpm.readPcrs(PcrBank.SHA256, PcrPolicy.parseList("0-23"));
            assertThat(all).hasSize(24);
            assertThat(all.get(17)).containsOnly((byte) 0xff);
            assertThat(all.get(0)).hasSize(32);
        }
    }

    @Test
    void randomBytesDiffer() {
        try (Tpm tpm = swtpm.open(); Secret a = tpm.random(70); Secret b = tpm.random(70)) {
            assertThat(a.length()).isEqualTo(70);
            assertThat(a.bytes()).isNotEqualTo(b.bytes());
        }
    }

    @Test
    void sealedSecretUnsealsOnlyWhileThePcrsAreUnchanged() {
        try (Tpm tpm = swtpm.open()) {
            PcrPolicy policy = new PcrPolicy(List.of(9, 10), false);
            byte[] secret = "sealed to 9 and 10".getBytes(StandardCharsets.UTF_8);
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(secret), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000100));
            try (Secret unsealed = tpm.unseal(0x81000100, policy, Secret.empty())) {
                assertThat(unsealed.bytes()).isEqualTo(secret);
            }
            tpm.extend(10, Map.of(PcrBank.SHA256, new byte[32]));
            assertThatThrownBy(() -> tpm.unseal(0x81000100, policy, Secret.empty()))
                    .isInstanceOf(PolicyMismatchException.class)
                    .hasMessageContaining("TPM_RC_POLICY_FAIL")
                    .hasMessageContaining("the measured state (PCRs 9,10) differs from when this secret was sealed");
        }
    }
}
