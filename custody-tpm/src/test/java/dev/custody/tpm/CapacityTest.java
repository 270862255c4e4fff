package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a reset checks before it changes anything: room in the TPM, and passphrases checked without a change. */
class CapacityTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void aFreshSwtpmHasRoomAndItsPlatformHierarchyOn() {
        try (Tpm tpm = swtpm.open()) {
            TpmCapacity capacity = tpm.capacity();
            assertThat(capacity.transientAvailable()).isGreaterThanOrEqualTo(3);
            assertThat(capacity.persistentAvailable()).isGreaterThanOrEqualTo(2);
            assertThat(capacity.nvIndexMax()).isGreaterThanOrEqualTo(8);
            assertThat(capacity.platformHierarchy()).isTrue();
            assertThat(capacity.inLockout()).isFalse();

            tpm.sealPersistent(SealRequest.of(Secret.copyOf(new byte[] {1}), new PcrPolicy(java.util.List.of(0), false)),
                    tpm.readPcrs(PcrBank.SHA256, java.util.List.of(0)), PersistentSlot.replacing(0x81000410));
            assertThat(tpm.capacity().persistentAvailable()).isLessThan(capacity.persistentAvailable());
            tpm.evict(0x81000410, Secret.empty());
        }
    }

    @Test
    void aPassphraseIsCheckedWithoutChangingAnything() {
        try (Tpm tpm = swtpm.open(); Secret owner = Secret.copyOf("owner pass".getBytes())) {
            tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), owner);
            assertThat(tpm.authorizes(Hierarchy.OWNER, owner)).isTrue();
            assertThat(tpm.authorizes(Hierarchy.OWNER, Secret.copyOf("wrong pass".getBytes()))).isFalse();
            assertThat(tpm.authorizes(Hierarchy.ENDORSEMENT, Secret.empty())).isTrue();
            assertThat(tpm.authorizes(Hierarchy.OWNER, owner)).as("still the same passphrase").isTrue();
            tpm.defineNv(0x01500110, 4, owner);
            tpm.undefineNv(0x01500110, owner);
            tpm.changeAuth(Hierarchy.OWNER, owner, Secret.empty());
        }
    }
}
