package dev.custody.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything Custody asks of a real gpg, in a throw-away home whose agent is stopped afterwards. */
class GnupgHomeTest {
    private static final String UID = "Owner <owner@example.org>";

    @TempDir
    Path work;
    private Path home;

    @BeforeEach
    void makeHome() throws IOException {
        home = Files.createTempDirectory("custody-gnupg-test");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopAgent() throws Exception {
        Process kill = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(30, TimeUnit.SECONDS);
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anEmptyHomeHasNoKeyToSignWith() {
        assertThat(GnupgHome.defaultSecretKey(home)).isEmpty();
        assertThat(GnupgHome.ownFingerprints(home)).isEmpty();
        assertThat(GnupgHome.defaultSecretKey(work.resolve("missing"))).isEmpty();
    }

    @Test
    void gpgSignsWithItsDefaultKeyAndTheExportedKeyVerifies() throws Exception {
        String fingerprint = generateKey();
        assertThat(GnupgHome.defaultSecretKey(home)).contains(fingerprint);
        assertThat(GnupgHome.ownFingerprints(home)).contains(fingerprint);

        byte[] data = "kexec_default.1.txt".getBytes(StandardCharsets.US_ASCII);
        String signature = new GpgSigner(home, Optional.empty()).sign(data);
        Path exported = Files.writeString(work.resolve("owner.asc"), GnupgHome.exportPublicKey(home, UID));
        Keyring keyring = Keyring.load(exported);

        assertThat(keyring.fingerprints()).containsExactly(fingerprint);
        assertThat(SignatureCheck.verify(signature.getBytes(StandardCharsets.US_ASCII), data, keyring))
                .isEqualTo(new SignatureCheck.Good(fingerprint, UID));
        assertThat(SignatureCheck.issuer(signature)).isEqualTo(fingerprint);
    }

    @Test
    void aSignerWithoutAKeySaysWhatGpgSaid() {
        assertThatThrownBy(() -> new GpgSigner(home, Optional.of("nobody@example.org")).sign(new byte[] {1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("gpg could not sign: ")
                .hasMessageNotContaining("no message");
    }

    @Test
    void exportingAKeyGpgDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> GnupgHome.exportPublicKey(home, "nobody@example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gpg in " + home + " has no public key for 'nobody@example.org'");
    }

    @Test
    void aSoftwareKeyBecomesTheKeyboxHeadsKeepsInItsFirmware() throws Exception {
        GeneratedKey key;
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            key = OpenPgpKeys.generate(UID, KeyAlgorithm.ED25519, passphrase);
        }
        Path secretKeyFile = Files.writeString(work.resolve("owner.key.asc"), key.armoredSecretKey());
        Path publicKeyFile = Files.writeString(work.resolve("owner.pub.asc"), PublicKeys.publicKeyOf(secretKeyFile));

        byte[] keybox = GnupgHome.keybox(publicKeyFile);

        assertThat(new String(keybox, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("KBXf");
        Path pubring = Files.write(work.resolve("pubring.kbx"), keybox);
        assertThat(Keyring.load(pubring).fingerprints()).containsExactly(key.fingerprint());
        assertThat(PublicKeys.fingerprintOf(key.armoredPublicKey(), "the owner's key")).isEqualTo(key.fingerprint());
    }

    @Test
    void fingerprintsCompareHoweverTheyAreWritten() {
        String fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        assertThat(PublicKeys.normalizeFingerprint("0x" + PublicKeys.grouped(fingerprint).toLowerCase()))
                .isEqualTo(fingerprint);
        assertThat(PublicKeys.grouped(fingerprint)).isEqualTo("0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567");
        assertThatThrownBy(() -> PublicKeys.normalizeFingerprint("89ABCDEF01234567"))
                .hasMessageContaining("short key IDs can be forged");
        assertThatThrownBy(() -> PublicKeys.fingerprintOf("not a key", "the provisioner's public key"))
                .hasMessage("the provisioner's public key is not an OpenPGP public key");
    }

    private String generateKey() throws Exception {
        Process gpg = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--passphrase", "",
                "--quick-gen-key", UID, "ed25519", "sign", "never")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gpg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gpg.exitValue()).isZero();
        return GnupgHome.defaultSecretKey(home).orElseThrow();
    }
}
