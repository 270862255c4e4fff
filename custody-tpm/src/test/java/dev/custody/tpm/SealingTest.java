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

class SealingTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void passphraseIsNeededAsWellAsThePcrs() {
        PcrPolicy policy = new PcrPolicy(List.of(0, 7), true);
        byte[] key = "disk unlock key".getBytes(StandardCharsets.UTF_8);
        try (Tpm tpm = swtpm.open()) {
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(key), policy).withAuth(Secret.copyOf("right horse".getBytes())),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000300));
            try (Secret unsealed = tpm.unseal(0x81000300, policy, Secret.copyOf("right horse".getBytes()))) {
                assertThat(unsealed.bytes()).isEqualTo(key);
            }
            assertThatThrownBy(() -> tpm.unseal(0x81000300, policy, Secret.copyOf("wrong horse".getBytes())))
                    .isInstanceOf(TpmCommandException.class)
                    .hasMessageContaining("TPM_RC_AUTH_FAIL")
                    .hasMessageContaining("passphrase is wrong");
        }
    }

    @Test
    void blobsSealAndUnsealWithoutUsingAPersistentHandle() {
        PcrPolicy policy = new PcrPolicy(List.of(12), false);
        try (Tpm tpm = swtpm.open()) {
            SealedBlob blob = tpm.sealToBlob(SealRequest.of(Secret.copyOf(new byte[] {1, 2, 3}), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()));
            SealedBlob reparsed = SealedBlob.parse(blob.toBytes());
            try (Secret unsealed = tpm.unseal(reparsed, policy, Secret.empty())) {
                assertThat(unsealed.bytes()).containsExactly(1, 2, 3);
            }
            tpm.extend(12, Map.of(PcrBank.SHA256, new byte[32]));
            assertThatThrownBy(() -> tpm.unseal(reparsed, policy, Secret.empty()))
                    .isInstanceOf(PolicyMismatchException.class);
        }
    }

    @Test
    void aBlobWhoseAreasDoNotParseExactlyIsRefusedBeforeTheTpmLoadsIt() {
        PcrPolicy policy = new PcrPolicy(List.of(12), false);
        try (Tpm tpm = swtpm.open()) {
            SealedBlob blob = tpm.sealToBlob(SealRequest.of(Secret.copyOf(new byte[] {1, 2, 3}), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()));
            byte[] cutPrivate = java.util.Arrays.copyOf(blob.privateArea(), blob.privateArea().length - 8);
            assertThatThrownBy(() -> tpm.unseal(new SealedBlob(blob.publicArea(), cutPrivate), policy, Secret.empty()))
                    .isInstanceOf(TpmException.class)
                    .hasMessage("the sealed blob's private area does not parse as a TPM structure");
            byte[] longerPublic = java.util.Arrays.copyOf(blob.publicArea(), blob.publicArea().length + 1);
            assertThatThrownBy(() -> tpm.unseal(new SealedBlob(longerPublic, blob.privateArea()), policy, Secret.empty()))
                    .isInstanceOf(TpmException.class)
                    .hasMessage("the sealed blob's public area does not parse as a TPM structure");
        }
    }

    @Test
    void sealingOverAnOccupiedHandleNeedsExplicitReplace() {
        PcrPolicy policy = new PcrPolicy(List.of(13), false);
        try (Tpm tpm = swtpm.open()) {
            var values = tpm.readPcrs(PcrBank.SHA256, policy.pcrs());
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[] {1}), policy),
                    values, PersistentSlot.replacing(0x81000301));
            assertThatThrownBy(() -> tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[] {2}), policy),
                    values, PersistentSlot.refusingToReplace(0x81000301)))
                    .hasMessageContaining("0x81000301 already holds an object");
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[] {2}), policy),
                    values, PersistentSlot.replacing(0x81000301));
            try (Secret unsealed = tpm.unseal(0x81000301, policy, Secret.empty())) {
                assertThat(unsealed.bytes()).containsExactly(2);
            }
            tpm.evict(0x81000301, Secret.empty());
            assertThat(tpm.persistentHandles()).doesNotContain(0x81000301);
        }
    }

    @Test
    void sealRecordMatchesOnlyTheObjectItDescribes() {
        PcrPolicy policy = new PcrPolicy(List.of(14, 15), false);
        try (Tpm tpm = swtpm.open()) {
            SealRecord record = tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[] {9}), policy),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000302));
            SealRecord reread = SealRecord.parse(record.format());
            assertThat(reread.matches(tpm.objectPolicy(0x81000302).orElseThrow())).isTrue();

            tpm.extend(15, Map.of(PcrBank.SHA256, new byte[32]));
            assertThat(reread.changedPcrs(tpm.readPcrs(PcrBank.SHA256, policy.pcrs()))).containsExactly(15);

            SealRecord forged = new SealRecord(0x81000302, policy, tpm.readPcrs(PcrBank.SHA256, policy.pcrs()));
            assertThat(forged.matches(tpm.objectPolicy(0x81000302).orElseThrow())).isFalse();
        }
    }
}
