package dev.custody.cli.seals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment and the refusals of seals check, through the custody command with a key from custody key generate. */
class SealsStoreCliTest {
    private static final String ROI = "10,20,100,80";

    @org.junit.jupiter.api.extension.RegisterExtension
    static final TemporaryHome home = new TemporaryHome();

    @TempDir
    Path dir;

    private Path key;
    private Path publicKey;
    private Path passphrase;
    private Path store;
    private Path photo;

    @BeforeEach
    void keyAndPhoto() throws Exception {
        passphrase = Files.writeString(dir.resolve("passphrase"), "owner passphrase");
        key = dir.resolve("key.asc");
        publicKey = dir.resolve("key.pub.asc");
        CliRun made = CliRun.of("key", "generate", "--uid", "Seal Owner <o@example.org>", "--algorithm", "ED25519",
                "--out", key.toString(), "--public", publicKey.toString(), "--passphrase-file", passphrase.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        store = dir.resolve("store");
        photo = Files.write(dir.resolve("seal.png"), png(1));
    }

    private CliRun enroll(String... extra) {
        // the photo is noise, with no glitter seal to find: these tests are about the store, so the seal is marked
        String[] base = {"seals", "enroll", "--name", "left-screw", "--store", store.toString(), "--key", key.toString(),
            "--passphrase-file", passphrase.toString(), "--roi", ROI};
        String[] args = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        args[args.length - 1] = photo.toString();
        return CliRun.of(args);
    }

    @Test
    void enrollSignsStoresPrivatelyAndLists() throws Exception {
        CliRun enrolled = enroll();
        assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
        assertThat(enrolled.out()).contains("Enrolled seal left-screw").contains("seal marked at 10,20 100x80")
                .contains("custody seals check --name left-screw");
        Path folder = store.resolve("left-screw");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("reference.png"))))
                .isEqualTo("rw-------");
        assertThat(folder.resolve("seal.json.asc")).content().startsWith("-----BEGIN PGP SIGNATURE-----");

        CliRun list = CliRun.of("seals", "list", "--store", store.toString(), "--json");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("\"name\": \"left-screw\"").contains("\"roi\": \"10,20,100,80\"")
                .contains("\"encrypted\": false");
        assertThat(list.out().indexOf("\"store\"")).as("the store comes first, always").isLessThan(list.out().indexOf("\"seals\""));

        CliRun again = enroll();
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already enrolled").contains("--replace");
        assertThat(enroll("--replace").exitCode()).isZero();
    }

    @Test
    void checkRefusesASwappedReferenceWithExitFive() throws Exception {
        assertThat(enroll().exitCode()).isZero();
        Files.write(store.resolve("left-screw/reference.png"), png(2));
        CliRun check = CliRun.of("seals", "check", "--name", "left-screw", "--store", store.toString(),
                "--keyring", publicKey.toString(), photo.toString());
        assertThat(check.exitCode()).isEqualTo(CheckCommand.REFERENCE_REFUSED);
        assertThat(check.err()).startsWith("custody: refusing the reference of seal left-screw")
                .contains("SHA-256 differs");
        assertThat(check.out()).isEmpty();
    }

    @Test
    void checkRefusesASignatureByAnotherKey() throws Exception {
        assertThat(enroll().exitCode()).isZero();
        Path otherPublic = dir.resolve("other.pub.asc");
        assertThat(CliRun.of("key", "generate", "--uid", "Attacker", "--algorithm", "ED25519", "--out",
                dir.resolve("other.asc").toString(), "--public", otherPublic.toString(), "--passphrase-file",
                passphrase.toString()).exitCode()).isZero();
        CliRun check = CliRun.of("seals", "check", "--name", "left-screw", "--store", store.toString(),
                "--keyring", otherPublic.toString(), photo.toString());
        assertThat(check.exitCode()).isEqualTo(CheckCommand.REFERENCE_REFUSED);
        assertThat(check.err()).contains("which is not in the keyring");

        // Re-signing the reference with the attacker's key does not help either.
        CliRun resigned = CliRun.of("seals", "enroll", "--name", "left-screw", "--replace", "--store", store.toString(),
                "--key", dir.resolve("other.asc").toString(), "--passphrase-file", passphrase.toString(), "--roi", ROI,
                photo.toString());
        assertThat(resigned.exitCode()).isZero();
        CliRun checked = CliRun.of("seals", "check", "--name", "left-screw", "--store", store.toString(),
                "--keyring", publicKey.toString(), photo.toString());
        assertThat(checked.exitCode()).isEqualTo(CheckCommand.REFERENCE_REFUSED);
        assertThat(checked.err()).contains("not in the keyring");
    }

    @Test
    void enrollWithJsonReportsTheSealRegionSignerAndFolder() {
        CliRun enrolled = enroll("--json");
        assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
        assertThat(enrolled.out()).startsWith("{").contains("\"name\": \"left-screw\"").contains("\"source\": \"marked\"")
                .contains("\"x\": 10").contains("\"w\": 100").contains("\"encrypted\": false")
                .contains("\"folder\": \"" + store.resolve("left-screw") + "\"").doesNotContain("Enrolled seal");
    }

    @Test
    void checkWithoutAnyTrustedKeyringRefuses() throws java.io.IOException {
        assertThat(enroll().exitCode()).isZero();
        // Checked by a user who never enrolled with that key and has no GnuPG keys.
        home.asSomeoneElse(() -> {
            CliRun check = CliRun.of("seals", "check", "--name", "left-screw", "--store", store.toString(),
                    "--gpg-home", dir.resolve("no-gnupg").toString(), photo.toString());
            assertThat(check.exitCode()).isEqualTo(1);
            assertThat(check.err()).contains("no trusted keyring").contains("--keyring FILE");
        });
    }

    @Test
    void unknownSealIsExplained() {
        CliRun check = CliRun.of("seals", "check", "--name", "right-screw", "--store", store.toString(),
                "--keyring", publicKey.toString(), photo.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("no seal named right-screw is enrolled")
                .contains("custody seals enroll --name right-screw");
    }

    @Test
    void enrollWithoutKeyAndWithoutGnupgKeyTellsWhatToDo() throws Exception {
        Path emptyHome = Files.createDirectory(dir.resolve("gnupg"));
        CliRun enroll = CliRun.of("seals", "enroll", "--name", "seal", "--store", store.toString(), "--gpg-home",
                emptyHome.toString(), "--roi", ROI, photo.toString());
        assertThat(enroll.exitCode()).isEqualTo(1);
        assertThat(enroll.err()).contains("has no secret key").contains("pass --key KEY.asc")
                .contains("custody key generate");
        assertThat(store).doesNotExist();
    }

    @Test
    void encryptedReferenceNeedsItsPassphrase() throws Exception {
        Path storePassphrase = Files.writeString(dir.resolve("store-passphrase"), "store passphrase");
        CliRun enrolled = enroll("--encrypt", "--store-passphrase-file", storePassphrase.toString());
        assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
        assertThat(enrolled.out()).contains("photo encrypted");
        assertThat(store.resolve("left-screw/reference.png.gpg")).exists();
        assertThat(store.resolve("left-screw/reference.png")).doesNotExist();

        Path wrong = Files.writeString(dir.resolve("wrong"), "not it");
        CliRun check = CliRun.of("seals", "check", "--name", "left-screw", "--store", store.toString(),
                "--keyring", publicKey.toString(), "--store-passphrase-file", wrong.toString(), photo.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("wrong passphrase for the encrypted reference of seal left-screw");
    }

    @Test
    void onATerminalTheReadingLineComesBackWhileTheReferenceIsDecrypted() throws Exception {
        Path storePassphrase = Files.writeString(dir.resolve("store-passphrase"), "store passphrase");
        assertThat(enroll("--encrypt", "--store-passphrase-file", storePassphrase.toString()).exitCode()).isZero();

        // a wrong passphrase ends the check as soon as decrypting fails: what is shown between the
        // prompt and that error is what the owner sees while the reference is decrypted
        TerminalRun check = TerminalRun.of("not it\n", "seals", "check", "--name", "left-screw", "--store",
                store.toString(), "--keyring", publicKey.toString(), photo.toString());

        String screen = check.screen();
        assertThat(check.exitCode()).as(screen).isEqualTo(1);
        int prompt = screen.indexOf("Passphrase of the reference of left-screw: ");
        int error = screen.indexOf("wrong passphrase for the encrypted reference of seal left-screw");
        assertThat(prompt).as(screen).isNotNegative();
        assertThat(screen.lastIndexOf("Reading the photos...", prompt)).as("before the prompt: " + screen).isNotNegative();
        assertThat(screen.indexOf("Reading the photos...", prompt)).as("after the prompt: " + screen)
                .isPositive().isLessThan(error);
    }

    static byte[] png(long seed) throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

}
