package dev.custody.tpm.tpm12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.PersistentSlot;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.SealRequest;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmCapacity;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.testing.RecordingTransport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@link Tpm} interface on a TPM 1.2 (swtpm), opened the way the command line opens it. */
class Tpm12Test {
    private static final byte[] OWNER = "owner passphrase".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DISK = "disk unlock passphrase".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOTP = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final PcrPolicy TOTP_POLICY = new PcrPolicy(List.of(0, 1, 2, 3, 4, 7), false);

    @Test
    void swtpmSpecOpensAsTpm12AndSealsTheHeadsWay() {
        try (Swtpm12 swtpm = Swtpm12.start()) {
            // As --tpm swtpm:HOST:PORT: Tpms must tell the family by asking the TPM itself.
            try (Tpm tpm = Tpms.open(TpmSpec.parse("swtpm:127.0.0.1:" + swtpm.port()))) {
                assertThat(tpm).isInstanceOf(Tpm12.class);
                assertThat(tpm.info().family()).isEqualTo("1.2");
                assertThat(tpm.info().specVersion()).startsWith("1.2 level 2");
                assertThat(tpm.activeBanks()).containsExactly(PcrBank.SHA1);
                tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));

                Map<Integer, byte[]> values = tpm.readPcrs(PcrBank.SHA1, TOTP_POLICY.pcrs());
                tpm.sealPersistent(SealRequest.of(Secret.copyOf(TOTP), TOTP_POLICY).withOwnerAuth(Secret.copyOf(OWNER)),
                        values, PersistentSlot.refusingToReplace(0x81004d47));
                Tpm12 tpm12 = (Tpm12) tpm;
                assertThat(tpm12.client().nvPublic(0x4d47).orElseThrow().dataSize()).isEqualTo(312);
                assertThat(tpm12.client().nvPublic(0x4d47).orElseThrow().attributes()).isZero();
                try (Secret unsealed = tpm.unseal(0x81004d47, TOTP_POLICY, Secret.empty())) {
                    assertThat(unsealed.bytes()).isEqualTo(TOTP);
                }
                assertThatThrownBy(() -> tpm.sealPersistent(SealRequest.of(Secret.copyOf(TOTP), TOTP_POLICY)
                        .withOwnerAuth(Secret.copyOf(OWNER)),
                        values, PersistentSlot.refusingToReplace(0x4d47))).hasMessageContaining("already holds");

                tpm.extend(4, Map.of(PcrBank.SHA1, sha1("recovery shell")));
                assertThatThrownBy(() -> tpm.unseal(0x81004d47, TOTP_POLICY, Secret.empty()))
                        .isInstanceOf(PolicyMismatchException.class).hasMessageContaining("TPM_WRONGPCRVAL");
                tpm.powerControl().orElseThrow().powerCycle();
                try (Secret unsealed = tpm.unseal(0x4d47, TOTP_POLICY, Secret.empty())) {
                    assertThat(unsealed.bytes()).isEqualTo(TOTP);
                }
            }
        }
    }

    /** A TPM 1.2 as it leaves the factory (no owner): sealing takes ownership; refusals name the changed PCR. */
    @Test
    void sealRecordsOnTpm12UseTheCompositeHashAndNameChangedPcrs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (Swtpm12 swtpm = Swtpm12.start();
             Tpm tpm = Tpms.open(TpmSpec.parse("swtpm:127.0.0.1:" + swtpm.port()))) {
            assertThat(tpm.sealingBank()).isEqualTo(PcrBank.SHA1);
            tpm.extend(2, Map.of(PcrBank.SHA1, sha1("CBFS: fallback/romstage")));
            var records = new dev.custody.tpm.SealRecords(dir);
            var sealed = new dev.custody.tpm.SealedSecrets(tpm, records);
            var record = sealed.seal(SealRequest.of(Secret.copyOf(TOTP), TOTP_POLICY),
                    PersistentSlot.refusingToReplace(0x81004d47));

            assertThat(record.bank()).isEqualTo(PcrBank.SHA1);
            assertThat(record.format()).contains("pcrs sha1:0,1,2,3,4,7");
            assertThat(dev.custody.tpm.SealRecord.parse(record.format()).policyDigest()).isEqualTo(record.policyDigest());
            // Independently: SHA1(select size 2, bitmap 0x9f 0x00, valueSize 120, the six values).
            java.io.ByteArrayOutputStream composite = new java.io.ByteArrayOutputStream();
            composite.writeBytes(new byte[] {0, 2, (byte) 0x9f, 0, 0, 0, 0, 120});
            TOTP_POLICY.pcrs().forEach(pcr -> composite.writeBytes(tpm.readPcrs(PcrBank.SHA1, List.of(pcr)).get(pcr)));
            assertThat(tpm.objectPolicy(0x81004d47)).hasValueSatisfying(
                    digest -> assertThat(digest).isEqualTo(sha1(composite.toByteArray())));
            assertThat(sealed.matchingRecord(0x81004d47)).isPresent();
            try (Secret unsealed = sealed.unseal(0x81004d47, List.of(), Secret.empty())) {
                assertThat(unsealed.bytes()).isEqualTo(TOTP);
            }
            tpm.extend(7, Map.of(PcrBank.SHA1, sha1("an attacker's keyring")));
            assertThatThrownBy(() -> sealed.unseal(0x81004d47, List.of(), Secret.empty()))
                    .isInstanceOf(PolicyMismatchException.class)
                    .hasMessageContaining("TPM_WRONGPCRVAL").hasMessageEndingWith("changed since sealing: PCR 7");
            assertThat(tpm.objectPolicy(0x81000003)).isEmpty();
        }
    }

    @Test
    void diskKeyNeedsItsPassphraseAndCountersSurvivePowerCycles() {
        try (Swtpm12 swtpm = Swtpm12.start();
             Tpm tpm = new Tpm12(swtpm.connect(), java.util.Optional.of(
                     new dev.custody.tpm.transport.SwtpmControl("127.0.0.1", swtpm.port() + 1)), () -> {})) {
            tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
            PcrPolicy policy = new PcrPolicy(List.of(0, 1, 2, 3, 4, 5, 6, 7), true);
            tpm.sealPersistent(SealRequest.of(Secret.copyOf(TOTP), policy)
                    .withAuth(Secret.copyOf(DISK)).withOwnerAuth(Secret.copyOf(OWNER)),
                    tpm.readPcrs(PcrBank.SHA1, policy.pcrs()), PersistentSlot.refusingToReplace(0x81000003));
            assertThatThrownBy(() -> tpm.unseal(3, policy, Secret.copyOf("wrong".getBytes(StandardCharsets.US_ASCII))))
                    .hasMessageContaining("TPM_AUTH2FAIL");
            tpm.resetDictionaryAttack(Secret.copyOf(OWNER));
            try (Secret key = tpm.unseal(3, policy, Secret.copyOf(DISK))) {
                assertThat(key.bytes()).isEqualTo(TOTP);
            }

            CounterValue counter = ((Tpm12) tpm).createCounter(Tpm12.HEADS_COUNTER_LABEL, Secret.copyOf(OWNER));
            long first = tpm.incrementCounter(counter.id());
            tpm.powerControl().orElseThrow().powerCycle();
            assertThat(tpm.readCounter(counter.id())).isEqualTo(first);
            assertThat(tpm.incrementCounter(counter.id())).isEqualTo(first + 1);

            // A counter "at an index" is the one labelled with it; only one counter may move per power-on.
            tpm.defineCounter(0x01504d48, Secret.copyOf(OWNER));
            assertThat(tpm.counterExists(0x01504d48)).isTrue();
            assertThat(tpm.counterExists(0x01504d49)).isFalse();
            assertThatThrownBy(() -> tpm.incrementCounter(0x01504d48)).hasMessageContaining("TPM_BAD_COUNTER");
            tpm.powerControl().orElseThrow().powerCycle();
            long hotp = tpm.incrementCounter(0x01504d48);
            assertThat(tpm.readCounter(0x01504d48)).isEqualTo(hotp).isGreaterThan(first + 1);
            assertThatThrownBy(() -> tpm.defineCounter(0x01504d48, Secret.copyOf(OWNER))).hasMessageContaining("exists already");
            assertThatThrownBy(() -> tpm.readPcrs(PcrBank.SHA256, List.of(0)))
                    .hasMessageStartingWith("not available on TPM 1.2: ");
            assertThatThrownBy(() -> tpm.changeAuth(Hierarchy.LOCKOUT, Secret.empty(), Secret.copyOf(OWNER)))
                    .hasMessageStartingWith("not available on TPM 1.2: ");
        }
    }

    /** What a reset's plan reads before its first change: room, clearability, and passphrases checked without change. */
    @Test
    void ownershipIsClearedWithTheOwnerPassphraseOrUnderPhysicalPresence() {
        try (Swtpm12 swtpm = Swtpm12.start(); Tpm12 tpm = new Tpm12(swtpm.connect(), java.util.Optional.empty(), () -> {})) {
            TpmCapacity factory = tpm.capacity();
            assertThat(factory.platformHierarchy()).as("TPM_ForceClear possible under physical presence").isTrue();
            assertThat(factory.clearDisabled()).isFalse();
            assertThat(factory.inLockout()).isFalse();
            assertThat(factory.transientAvailable()).isGreaterThanOrEqualTo(2);
            assertThat(factory.persistentAvailable()).as("Heads-size sealed areas").isGreaterThanOrEqualTo(2);
            assertThat(factory.nvIndexMax()).isGreaterThanOrEqualTo(factory.persistentAvailable() * Tpm12.HEADS_SEALED_SIZE);
            assertThat(tpm.authorizes(Hierarchy.OWNER, Secret.copyOf(OWNER))).as("no owner yet").isFalse();

            tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
            assertThat(tpm.authorizes(Hierarchy.OWNER, Secret.copyOf(OWNER))).isTrue();
            assertThat(tpm.authorizes(Hierarchy.LOCKOUT, Secret.copyOf(OWNER))).as("TPM_OwnerClear takes the owner's").isTrue();
            assertThat(tpm.authorizes(Hierarchy.OWNER, Secret.copyOf("not it".getBytes(StandardCharsets.US_ASCII)))).isFalse();
            assertThatThrownBy(() -> tpm.authorizes(Hierarchy.ENDORSEMENT, Secret.copyOf(OWNER)))
                    .hasMessageStartingWith("not available on TPM 1.2: an endorsement passphrase");
            tpm.defineCounter(0x48545020, Secret.copyOf(OWNER));
            assertThat(tpm.capacity().nvCountersAvailable()).isEqualTo(factory.nvCountersAvailable() - 1);
            byte[] ek = tpm.endorsementKeyPublic(Secret.copyOf(OWNER));
            assertThatThrownBy(() -> tpm.clear(Secret.copyOf("not it".getBytes(StandardCharsets.US_ASCII))))
                    .hasMessageContaining("TPM_AUTHFAIL");
            tpm.resetDictionaryAttack(Secret.copyOf(OWNER));
            tpm.clear(Secret.copyOf(OWNER));
            assertThat(tpm.client().hasOwner()).isFalse();

            tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
            tpm.client().physicalPresence(0x0010);
            assertThatThrownBy(() -> tpm.client().forceClear()).hasMessageContaining("TPM_BAD_PRESENCE");
            tpm.clearAsPlatform(Secret.empty());
            assertThat(tpm.client().hasOwner()).isFalse();
            assertThat(tpm.endorsementKeyPublic(Secret.empty())).isEqualTo(ek);
            tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
            assertThat(tpm.client().hasOwner()).isTrue();
            assertThat(tpm.capacity().nvCountersAvailable()).as("the clear released the counter")
                    .isEqualTo(factory.nvCountersAvailable());

            tpm.client().physicalPresence(0x0004);
            assertThat(tpm.capacity().platformHierarchy()).as("physical presence locked until the next power-on").isFalse();
        }
    }

    /**
     * Records every byte between Custody and the TPM, as a probe on the LPC bus would. TPM 1.2
     * proves passphrases by HMAC and sends new ones XOR-encrypted (ADIP) or RSA-encrypted, so
     * neither a passphrase nor the secret derived from it may appear; the sealed secret and the
     * TPM's random bytes travel only in an encrypting transport session.
     */
    @Test
    void noPassphraseSealedSecretOrRandomCrossesTheBus() {
        try (Swtpm12 swtpm = Swtpm12.start()) {
            RecordingTransport bus = new RecordingTransport(swtpm.connect());
            byte[] random;
            try (Tpm12 tpm = new Tpm12(bus, java.util.Optional.empty(), () -> {})) {
                tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), Secret.copyOf(OWNER));
                try (Secret fromTpm = tpm.random(20)) {
                    random = fromTpm.bytes().clone();
                }
                PcrPolicy policy = new PcrPolicy(List.of(0, 7), true);
                tpm.sealPersistent(SealRequest.of(Secret.copyOf(TOTP), policy)
                        .withAuth(Secret.copyOf(DISK)).withOwnerAuth(Secret.copyOf(OWNER)),
                        tpm.readPcrs(PcrBank.SHA1, policy.pcrs()), PersistentSlot.refusingToReplace(3));
                try (Secret unsealed = tpm.unseal(3, policy, Secret.copyOf(DISK))) {
                    assertThat(unsealed.bytes()).isEqualTo(TOTP);
                }
                // A transport session is refused as any session is: a wrong data passphrase is swtpm's AUTH2FAIL.
                assertThatThrownBy(() -> tpm.unseal(3, policy, Secret.copyOf(OWNER))).hasMessageContaining("TPM_AUTH2FAIL");
                tpm.resetDictionaryAttack(Secret.copyOf(OWNER));
                tpm.createCounter(Tpm12.HEADS_COUNTER_LABEL, Secret.copyOf(OWNER));
                tpm.changeAuth(Hierarchy.OWNER, Secret.copyOf(OWNER), Secret.copyOf(DISK));
                assertThat(tpm.client().handles(Tpm12Client.RT_TRANS)).hasSize(1);
            }
            assertThat(bus.traffic().length).isGreaterThan(2000);
            for (byte[] secret : List.of(OWNER, sha1(OWNER), DISK, sha1(DISK))) {
                assertThat(bus.saw(secret)).as("a passphrase or its SHA-1 on the bus").isFalse();
            }
            assertThat(bus.saw(TOTP)).as("the sealed secret on the bus").isFalse();
            assertThat(bus.saw(java.util.Arrays.copyOf(random, 8))).as("random bytes on the bus").isFalse();
            try (Tpm12Client client = new Tpm12Client(swtpm.connect())) {
                assertThat(client.handles(Tpm12Client.RT_TRANS)).as("the transport session ended at close").isEmpty();
            }

            // The control: without a transport session the same bytes would be seen.
            RecordingTransport control = new RecordingTransport(swtpm.connect());
            try (Tpm12Client client = new Tpm12Client(control)) {
                assertThat(control.saw(client.randomInTheClear(20))).isTrue();
            }
        }
    }

    private static byte[] sha1(String text) {
        return sha1(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
