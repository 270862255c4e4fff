package dev.custody.seals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.GpgSigner;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.OpenPgpKeys;
import dev.custody.openpgp.SoftwareSigner;
import dev.custody.seals.Region;
import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoReader;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealStoreTest {
    private static final String PASSPHRASE = "correct horse";
    private static Path keys;
    private static Path secretKey;
    private static Keyring ownerKeyring;
    private static Keyring strangerKeyring;
    private static String ownerFingerprint;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() throws IOException {
        keys = Files.createTempDirectory("seal-keys");
        GeneratedKey owner = OpenPgpKeys.generate("Seal Owner <owner@example.org>", KeyAlgorithm.ED25519, secret(PASSPHRASE));
        GeneratedKey stranger = OpenPgpKeys.generate("Stranger", KeyAlgorithm.ED25519, secret("other"));
        secretKey = keys.resolve("owner.asc");
        Files.writeString(secretKey, owner.armoredSecretKey());
        Files.writeString(keys.resolve("owner.pub.asc"), owner.armoredPublicKey());
        Files.writeString(keys.resolve("stranger.pub.asc"), stranger.armoredPublicKey());
        ownerKeyring = Keyring.load(keys.resolve("owner.pub.asc"));
        strangerKeyring = Keyring.load(keys.resolve("stranger.pub.asc"));
        ownerFingerprint = owner.fingerprint();
    }

    @AfterAll
    static void removeKeys() throws IOException {
        deleteTree(keys);
    }

    @Test
    void enrolledReferenceComesBackVerifiedWithItsRoi() throws Exception {
        SealStore store = new SealStore(dir.resolve("store"));
        Photo photo = photo(1, "jpeg");
        SealStore.Enrolled enrolled = store.enroll("left-screw", photo, Optional.of(new Region(5, 6, 70, 80)),
                signer(), Optional.empty(), false);

        VerifiedReference reference = store.load("left-screw", ownerKeyring, SealStoreTest::noPassphrase);
        assertThat(reference.photo()).isEqualTo(photo.bytes());
        assertThat(reference.metadata().roi()).contains(new Region(5, 6, 70, 80));
        assertThat(reference.signerFingerprint()).isEqualToIgnoringCase(ownerFingerprint);
        assertThat(reference.signerOwner()).contains("owner@example.org");
        assertThat(enrolled.folder().resolve("reference.jpg")).exists();
        assertThat(store.names()).containsExactly("left-screw");
        assertThat(mode(store.directory())).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(enrolled.folder())) {
            for (Path file : files.toList()) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void swappedPhotoIsRefused() throws Exception {
        SealStore store = enrolled("seal");
        Path stored = store.directory().resolve("seal/reference.png");
        Files.write(stored, photo(2, "png").bytes());
        assertThatThrownBy(() -> store.load("seal", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("refusing the reference of seal seal").hasMessageContaining("SHA-256 differs");
    }

    @Test
    void photoAndSignatureSwappedTogetherAreRefusedByTheSignedHash() throws Exception {
        SealStore store = enrolled("a");
        store.enroll("b", photo(2, "png"), Optional.empty(), signer(), Optional.empty(), false);
        for (String file : List.of("reference.png", "reference.png.asc")) {
            Files.copy(store.directory().resolve("b").resolve(file), store.directory().resolve("a").resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThatThrownBy(() -> store.load("a", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("SHA-256 differs");
    }

    @Test
    void swappedMetadataIsRefused() throws Exception {
        SealStore store = enrolled("seal");
        Path metadata = store.directory().resolve("seal/seal.json");
        String json = Files.readString(metadata);
        Files.writeString(metadata, json.replace("\"roi\" : null", "\"roi\" : {\"x\":0,\"y\":0,\"w\":64,\"h\":64}"));
        assertThat(Files.readString(metadata)).isNotEqualTo(json);
        assertThatThrownBy(() -> store.load("seal", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("the signature of seal.json does not match");
    }

    @Test
    void metadataOfAnotherSealIsRefusedEvenWithItsGoodSignature() throws Exception {
        SealStore store = enrolled("a");
        store.enroll("b", photo(1, "png"), Optional.empty(), signer(), Optional.empty(), false);
        for (String file : List.of("seal.json", "seal.json.asc", "reference.png", "reference.png.asc")) {
            Files.copy(store.directory().resolve("b").resolve(file), store.directory().resolve("a").resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThatThrownBy(() -> store.load("a", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("signed for seal b");
    }

    @Test
    void swappedOrMissingSignatureIsRefused() throws Exception {
        SealStore store = enrolled("seal");
        Path signature = store.directory().resolve("seal/reference.png.asc");
        Files.copy(store.directory().resolve("seal/seal.json.asc"), signature, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store.load("seal", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("the signature of the photo does not match");
        Files.delete(signature);
        assertThatThrownBy(() -> store.load("seal", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("reference.png.asc is missing");
        Files.writeString(signature, "not a signature");
        assertThatThrownBy(() -> store.load("seal", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("not an OpenPGP signature");
    }

    @Test
    void wrongKeyringIsRefused() throws Exception {
        SealStore store = enrolled("seal");
        assertThatThrownBy(() -> store.load("seal", strangerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("which is not in the keyring");
    }

    @Test
    void unknownSealAndBadNamesAreExplained() {
        SealStore store = new SealStore(dir);
        assertThatThrownBy(() -> store.load("nothing", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("no seal named nothing is enrolled").hasMessageContaining("custody seals enroll");
        assertThatThrownBy(() -> store.load("../etc", ownerKeyring, SealStoreTest::noPassphrase))
                .hasMessageContaining("cannot be a seal name");
    }

    @Test
    void enrollingTwiceNeedsReplaceAndReplacingKeepsOneCompleteReference() throws Exception {
        SealStore store = enrolled("seal");
        Photo second = photo(2, "jpeg");
        assertThatThrownBy(() -> store.enroll("seal", second, Optional.empty(), signer(), Optional.empty(), false))
                .hasMessageContaining("--replace");
        store.enroll("seal", second, Optional.empty(), signer(), Optional.empty(), true);
        assertThat(store.load("seal", ownerKeyring, SealStoreTest::noPassphrase).photo()).isEqualTo(second.bytes());
        try (Stream<Path> entries = Files.list(store.directory())) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("seal");
        }
        try (Stream<Path> files = Files.list(store.directory().resolve("seal"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("reference.jpg", "reference.jpg.asc", "seal.json", "seal.json.asc");
        }
    }

    @Test
    void roiOutsideThePhotoIsRefused() throws Exception {
        SealStore store = new SealStore(dir);
        assertThatThrownBy(() -> store.enroll("seal", photo(1, "png"), Optional.of(new Region(100, 100, 200, 200)),
                signer(), Optional.empty(), false)).hasMessageContaining("does not fit").hasMessageContaining("160x120");
    }

    @Test
    void encryptedReferenceRoundTripsAndAWrongPassphraseIsRefused() throws Exception {
        SealStore store = new SealStore(dir.resolve("store"));
        Photo photo = photo(3, "png");
        store.enroll("seal", photo, Optional.empty(), signer(), Optional.of(secret("store secret")), false);
        Path encrypted = store.directory().resolve("seal/reference.png.gpg");
        assertThat(encrypted).exists();
        assertThat(store.directory().resolve("seal/reference.png")).doesNotExist();
        assertThat(mode(encrypted)).isEqualTo("rw-------");
        assertThat(java.util.HexFormat.of().formatHex(Files.readAllBytes(encrypted)))
                .doesNotContain(java.util.HexFormat.of().formatHex(java.util.Arrays.copyOfRange(photo.bytes(), 16, 48)));
        assertThat(store.unverifiedMetadata("seal").encrypted()).isTrue();

        assertThat(store.load("seal", ownerKeyring, () -> secret("store secret")).photo()).isEqualTo(photo.bytes());
        assertThatThrownBy(() -> store.load("seal", ownerKeyring, () -> secret("wrong")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong passphrase");

        // gpg reads the encrypted file too, so the owner is never locked into Custody.
        Path gnupg = gnupgHome();
        try {
            Path passFile = dir.resolve("pass");
            Files.writeString(passFile, "store secret");
            Path out = dir.resolve("decrypted.png");
            run("gpg", "--homedir", gnupg.toString(), "--batch", "--quiet", "--pinentry-mode", "loopback",
                    "--passphrase-file", passFile.toString(), "--output", out.toString(), "--decrypt", encrypted.toString());
            assertThat(Files.readAllBytes(out)).isEqualTo(photo.bytes());
        } finally {
            stopGnupg(gnupg);
        }
    }

    @Test
    void gpgvAcceptsTheSignatures() throws Exception {
        SealStore store = enrolled("seal");
        Path gnupg = gnupgHome();
        try {
            run("gpg", "--homedir", gnupg.toString(), "--batch", "--quiet", "--import", keys.resolve("owner.pub.asc").toString());
            Path folder = store.directory().resolve("seal");
            for (String file : List.of("seal.json", "reference.png")) {
                run("gpgv", "--homedir", gnupg.toString(), "--keyring", gnupg.resolve("pubring.kbx").toString(),
                        folder.resolve(file + ".asc").toString(), folder.resolve(file).toString());
            }
            Files.write(folder.resolve("reference.png"), photo(9, "png").bytes());
            assertThat(exitCode("gpgv", "--homedir", gnupg.toString(), "--keyring", gnupg.resolve("pubring.kbx").toString(),
                    folder.resolve("reference.png.asc").toString(), folder.resolve("reference.png").toString())).isNotZero();
        } finally {
            stopGnupg(gnupg);
        }
    }

    @Test
    void gnupgDefaultKeySignsAndItsKeyringVerifies() throws Exception {
        Path gnupg = gnupgHome();
        try {
            assertThat(GnupgHome.defaultSecretKey(gnupg)).isEmpty();
            run("gpg", "--homedir", gnupg.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                    "Gpg Owner <gpg@example.org>", "ed25519", "sign", "never");
            Optional<String> fingerprint = GnupgHome.defaultSecretKey(gnupg);
            assertThat(fingerprint).get().asString().hasSize(40);

            SealStore store = new SealStore(dir.resolve("store"));
            store.enroll("seal", photo(1, "png"), Optional.empty(), new GpgSigner(gnupg, Optional.empty()),
                    Optional.empty(), false);
            Keyring keyring = Keyring.load(GnupgHome.publicKeyring(gnupg).orElseThrow());
            VerifiedReference reference = store.load("seal", keyring, SealStoreTest::noPassphrase);
            assertThat(reference.signerFingerprint()).isEqualTo(fingerprint.get());
            assertThat(reference.metadata().signer()).isEqualTo(fingerprint.get());
        } finally {
            stopGnupg(gnupg);
        }
    }

    @Test
    void defaultStoreFollowsXdgDataHome() {
        assertThat(SealStore.defaultDirectory(java.util.Map.of("XDG_DATA_HOME", "/data")))
                .isEqualTo(Path.of("/data/custody/seals"));
        assertThat(SealStore.defaultDirectory(java.util.Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/custody/seals"));
    }

    private SealStore enrolled(String name) throws IOException {
        SealStore store = new SealStore(dir.resolve("store"));
        store.enroll(name, photo(1, "png"), Optional.empty(), signer(), Optional.empty(), false);
        return store;
    }

    private static SoftwareSigner signer() {
        try (Secret passphrase = secret(PASSPHRASE)) {
            return SoftwareSigner.unlock(secretKey, passphrase);
        }
    }

    static Photo photo(long seed, String format) throws IOException {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                image.setRGB(x, y, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return PhotoReader.decode(out.toByteArray(), "photo-" + seed + "." + format);
    }

    private static Secret secret(String text) {
        return Secret.copyOf(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Secret noPassphrase() {
        throw new AssertionError("an unencrypted reference must not ask for a passphrase");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private Path gnupgHome() throws IOException {
        Path home = Files.createTempDirectory("seal-gnupg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return home;
    }

    private static void stopGnupg(Path home) throws Exception {
        exitCode("gpgconf", "--homedir", home.toString(), "--kill", "all");
        deleteTree(home);
    }

    private static void run(String... command) throws Exception {
        assertThat(exitCode(command)).as(String.join(" ", command)).isZero();
    }

    private static int exitCode(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " hung");
        }
        return process.exitValue();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
