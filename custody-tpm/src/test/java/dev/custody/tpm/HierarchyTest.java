package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ownership: passphrases, dictionary-attack settings, clear. One swtpm, tests in a fixed story. */
class HierarchyTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void ownerPassphraseGuardsOwnerCommandsUntilClear() {
        Secret lockout = Secret.copyOf("lockout-pass".getBytes());
        Secret owner = Secret.copyOf("12345678".getBytes());
        try (Tpm tpm = swtpm.open()) {
            tpm.changeAuth(Hierarchy.LOCKOUT, Secret.empty(), lockout);
            tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), owner);
            assertThatThrownBy(() -> tpm.defineNv(0x01500100, 4, Secret.empty()))
                    .isInstanceOf(TpmCommandException.class)
                    .hasMessageContaining("TPM_RC_BAD_AUTH");
            tpm.defineNv(0x01500100, 4, owner);

            tpm.setDictionaryAttackParameters(new DictionaryAttackParameters(5, 60, 120), lockout);
            LockoutState state = tpm.info().lockout();
            assertThat(state.maxTries()).isEqualTo(5);
            assertThat(state.recoverySeconds()).isEqualTo(60);
            tpm.resetDictionaryAttack(lockout);
            assertThat(tpm.info().lockout().failedTries()).isZero();

            tpm.clear(lockout);
            assertThatThrownBy(() -> tpm.readNv(0x01500100)).hasMessageContaining("is not defined");
            tpm.defineNv(0x01500101, 4, Secret.empty());
        }
    }

    @Test
    void wrongPassphrasesLeadToAnExplainedLockout() {
        try (Tpm tpm = swtpm.open()) {
            tpm.setDictionaryAttackParameters(new DictionaryAttackParameters(2, 600, 600), Secret.empty());
            PcrPolicy policy = new PcrPolicy(List.of(16), true);
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[] {7}), policy)
                    .withAuth(Secret.copyOf("good".getBytes())),
                    tpm.readPcrs(PcrBank.SHA256, policy.pcrs()), PersistentSlot.replacing(0x81000400));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> tpm.unseal(0x81000400, policy, Secret.copyOf("bad".getBytes())))
                        .hasMessageContaining("TPM_RC_AUTH_FAIL");
            }
            assertThatThrownBy(() -> tpm.unseal(0x81000400, policy, Secret.copyOf("good".getBytes())))
                    .hasMessageContaining("TPM_RC_LOCKOUT")
                    .hasMessageContaining("dictionary-attack lockout");
            assertThat(tpm.info().lockout().inLockout()).isTrue();
            assertThat(tpm.info().lockout().describe()).contains("one try comes back every 600 s");
            tpm.resetDictionaryAttack(Secret.empty());
            try (Secret unsealed = tpm.unseal(0x81000400, policy, Secret.copyOf("good".getBytes()))) {
                assertThat(unsealed.bytes()).containsExactly(7);
            }
        }
    }
}
