package dev.custody.boot.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.boot.BootFixtures;
import dev.custody.boot.rollback.RollbackCounter;
import dev.custody.boot.rollback.RollbackRecord;
import dev.custody.boot.rollback.TpmRollbackCounter;
import dev.custody.common.Secret;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.OpenPgpKeys;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RollbackTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    static GeneratedKey owner;

    @TempDir
    Path boot;
    @TempDir
    Path keys;
    Tpm tpm;
    RollbackCounter counter;

    @BeforeAll
    static void makeKey() {
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            owner = OpenPgpKeys.generate("Owner", KeyAlgorithm.ED25519, passphrase);
        }
    }

    @BeforeEach
    void setUp() {
        BootFixtures.copy("qubes", boot, "xen-4.17.5.gz", "vmlinuz-6.6.77-1.qubes.fc37.x86_64",
                "initramfs-6.6.77-1.qubes.fc37.x86_64.img");
        tpm = swtpm.open();
        counter = new TpmRollbackCounter(tpm, Secret.empty());
    }

    @AfterEach
    void tearDown() {
        tpm.close();
    }

    private SignResult sign() throws IOException {
        Path keyFile = keys.resolve("owner.asc");
        Files.writeString(keyFile, owner.armoredSecretKey());
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            return BootSigner.sign(boot, SoftwareSigner.unlock(keyFile, passphrase), OptionalInt.of(1), Optional.of(counter));
        }
    }

    private Verification verify() throws IOException {
        Path keyring = keys.resolve("owner.pub.asc");
        Files.writeString(keyring, owner.armoredPublicKey());
        return BootVerifier.verify(boot, Keyring.load(keyring), Optional.of(counter), true);
    }

    @Test
    void eachSigningIncrementsTheCounterAndBindsItsValueInHeadsFormat() throws IOException {
        SignResult first = sign();
        RollbackRecord record = RollbackRecord.parse(Files.readString(boot.resolve("kexec_rollback.txt")));
        assertThat(record.nvIndex() & 0xff000000).isEqualTo(0x01000000);
        assertThat(tpm.readCounter(record.nvIndex())).isEqualTo(first.rollbackCounter().getAsLong());
        assertThat(verify().findings()).isEmpty();

        SignResult second = sign();
        assertThat(second.rollbackCounter().getAsLong()).isEqualTo(first.rollbackCounter().getAsLong() + 1);
        assertThat(RollbackRecord.parse(Files.readString(boot.resolve("kexec_rollback.txt"))).counterId())
                .isEqualTo(record.counterId());
        Verification verification = verify();
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.rollbackCounter()).hasValue(second.rollbackCounter().getAsLong());

        String counterFile = record.counterId() + ": " + String.format("%016x", second.rollbackCounter().getAsLong()) + "\n";
        Path tmp = keys.resolve("counter");
        Files.writeString(tmp, counterFile);
        String heads = dev.custody.boot.Tools.bash(keys, Map.of(), "sha256sum < counter").out().substring(0, 64);
        assertThat(Files.readString(boot.resolve("kexec_rollback.txt")))
                .isEqualTo(heads + "  /tmp/counter-" + record.counterId() + "\n");
    }

    @Test
    void restoringAnOlderSignedBootIsRefusedAsRollback() throws IOException {
        sign();
        Map<String, byte[]> older = new HashMap<>();
        for (String name : new String[] {"kexec_hashes.txt", "kexec_tree.txt", "kexec_rollback.txt", "kexec.sig",
                "kexec_default.1.txt", "kexec_default_hashes.txt"}) {
            older.put(name, Files.readAllBytes(boot.resolve(name)));
        }
        sign();
        for (var file : older.entrySet()) {
            Files.write(boot.resolve(file.getKey()), file.getValue());
        }
        Verification verification = verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("kexec_rollback.txt");
            assertThat(f.reason()).contains("rollback");
        });
    }

    @Test
    void aBootWithoutCounterRecordIsRefusedWhenRollbackProtectionIsRequired() throws IOException {
        Path keyFile = keys.resolve("owner.asc");
        Files.writeString(keyFile, owner.armoredSecretKey());
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            BootSigner.sign(boot, SoftwareSigner.unlock(keyFile, passphrase), OptionalInt.empty(), Optional.empty());
        }
        assertThat(verify().findings()).extracting(Finding::file).containsExactly("kexec_rollback.txt");
    }
}
