package dev.custody.cli.own;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabKeys;
import dev.custody.openpgp.PublicKeys;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * own handoff and own receive --check-only end to end on a lab machine prepared through the
 * custody command (key, firmware keyring, signed /boot, sealed TOTP) as the reset will prepare it.
 */
class OwnHandoffCliTest {
    @TempDir
    static Path work;

    private static Path lab;
    private static Path bundle;
    private static String fingerprint;

    @BeforeAll
    static void prepareAndHandOff() throws IOException {
        lab = work.resolve("lab");
        ok(CliRun.of("lab", "create", lab.toString()));
        OwnershipFiles files = OwnershipFiles.of(LabMachine.existing(lab));
        Path passphrase = Files.writeString(work.resolve("passphrase"), "shop passphrase");
        CliRun key = ok(CliRun.of("key", "generate", "--uid", "Shop <shop@example.org>", "--algorithm", "ED25519",
                "--out", files.ownerSecretKey().toString(), "--public", files.ownerPublicKey().toString(),
                "--passphrase-file", passphrase.toString()));
        Matcher made = Pattern.compile("Made key ([0-9A-F]{40})").matcher(key.out());
        assertThat(made.find()).isTrue();
        fingerprint = made.group(1);
        LabKeys.installPublicKey(LabMachine.existing(lab), files.ownerPublicKey());
        ok(CliRun.of("boot", "sign", "--boot", lab.resolve("boot").toString(), "--key", files.ownerSecretKey().toString(),
                "--passphrase-file", passphrase.toString()));
        CliRun.of("lab", "power-on", lab.toString());
        CliRun sealed = ok(CliRun.of("totp", "seal", "--machine", lab.toString()));
        Matcher secret = Pattern.compile("Secret \\(Base32\\): ([A-Z2-7]+)").matcher(sealed.out());
        assertThat(secret.find()).as(sealed.out()).isTrue();
        // The secrets shipped must be the machine's: its owner passphrase is set to the one saved below.
        Path owner = Files.writeString(work.resolve("owner"), "12345678");
        ok(CliRun.of("tpm", "owner", "change-auth", "--tpm", "vtpm:" + lab.resolve("tpm"), "--new-file", owner.toString()));
        try (OwnerSecrets secrets = new OwnerSecrets()) {
            secrets.with(OwnerSecrets.TOTP_SECRET, Secret.copyOf(secret.group(1).getBytes(StandardCharsets.US_ASCII)))
                    .with(OwnerSecrets.KEY_PASSPHRASE, Secret.copyOf("shop passphrase".getBytes(StandardCharsets.UTF_8)))
                    .with(OwnerSecrets.TPM_OWNER_PASSPHRASE, Secret.copyOf("12345678".getBytes(StandardCharsets.UTF_8)))
                    .writePrivate(files.secrets());
        }
        bundle = work.resolve("bundle");
        CliRun handoff = ok(CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "3", "--threshold", "2",
                "--out", bundle.toString(), "--serial", "SN-7", "--seal-photo", photo(work.resolve("screw.png")).toString()));
        assertThat(handoff.out()).contains("any 2 recover the secrets").contains("key " + fingerprint);
    }

    @AfterAll
    static void stop() {
        CliRun.of("lab", "stop", lab.toString());
    }

    @Test
    void theBundleHasTheContractsFiles() {
        assertThat(bundle.resolve("manifest.json")).content().contains("\"serial\" : \"SN-7\"").contains("screw.png");
        for (String name : new String[] {"manifest.json.asc", "provisioner.asc", "seals/screw.png", "share-1.txt", "share-1.png",
                "share-2.txt", "share-2.png", "share-3.txt", "share-3.png"}) {
            assertThat(bundle.resolve(name)).exists();
        }
    }

    @Test
    void aGenuineBundlePassesTheCheck() {
        CliRun received = receive("--skip-seals");
        assertThat(received.exitCode()).as(received.out() + received.err()).isZero();
        assertThat(received.out()).contains("VERIFIED").contains("Check only: nothing was rotated")
                .contains("serial SN-7").contains("NOT CHECKED (skipped at your request)");
        for (String check : new String[] {"signature", "shares", "identity", "firmware", "boot", "pcrs", "totp"}) {
            assertThat(received.out()).containsPattern(check + " +passed");
        }
        CliRun json = receive("--skip-seals", "--json");
        assertThat(json.out()).contains("\"verdict\": \"verified\"").contains("\"rotated\": false");
    }

    @Test
    void unComparedSealsStopTheReceiptBeforeAnyRotation() {
        CliRun checkOnly = receive();
        assertThat(checkOnly.exitCode()).isEqualTo(OwnReceiveCommand.INCOMPLETE);
        assertThat(checkOnly.out()).containsPattern("seals +NOT CHECKED").contains("--skip-seals");
        CliRun takeOver = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(), "--fingerprint",
                fingerprint, "--shares", share(1) + "," + share(2));
        assertThat(takeOver.exitCode()).isEqualTo(OwnReceiveCommand.INCOMPLETE);
        assertThat(takeOver.out()).contains("nothing was rotated");
    }

    @Test
    void anAlteredManifestIsRejectedWithTheReason() throws IOException {
        Path manifest = bundle.resolve("manifest.json");
        String original = Files.readString(manifest);
        try {
            Files.writeString(manifest, original.replace("SN-7", "SN-8"));
            CliRun received = receive("--skip-seals");
            assertThat(received.exitCode()).isEqualTo(OwnReceiveCommand.REJECTED);
            assertThat(received.out()).contains("the manifest was altered after it was signed").contains("REJECTED");
        } finally {
            Files.writeString(manifest, original);
        }
    }

    @Test
    void theTrustAnchorIsTheSharesOrTheOwnersAndIsChecked() {
        CliRun nothing = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(), "--check-only");
        assertThat(nothing.exitCode()).isEqualTo(OwnReceiveCommand.INCOMPLETE);
        assertThat(nothing.out()).contains("no key to check the manifest against").contains("--fingerprint");

        CliRun contract = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(), "--shares",
                share(1) + "," + share(3), "--check-only", "--skip-seals");
        assertThat(contract.exitCode()).as(contract.out() + contract.err()).isZero();
        assertThat(contract.out()).contains("the key the shares name").contains(PublicKeys.grouped(fingerprint));
        CliRun wrong = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(), "--check-only",
                "--fingerprint", "AAAA".repeat(10), "--shares", share(1) + "," + share(2));
        assertThat(wrong.exitCode()).isEqualTo(OwnReceiveCommand.REJECTED);
        assertThat(wrong.out()).contains("not by the provisioner you expect");
    }

    @Test
    void aMistypedShareIsRefusedClearly() throws IOException {
        String text = Files.readString(bundle.resolve("share-2.txt"));
        String line = text.lines().filter(l -> l.startsWith("CUSTODY-SHARE")).findFirst().orElseThrow();
        int at = line.length() - 12;
        String typo = line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1);
        Path typed = Files.writeString(work.resolve("typed-share.txt"), typo);
        CliRun received = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(), "--check-only",
                "--skip-seals", "--fingerprint", fingerprint, "--shares", share(1) + "," + typed);
        assertThat(received.exitCode()).isEqualTo(1);
        assertThat(received.err()).contains("typed-share.txt: the share's checksum does not match: it was mistyped");
    }

    @Test
    void firmwareTamperedAfterShippingIsRejectedWithTheReason() throws IOException {
        for (String kind : new String[] {"rom", "keyring", "config"}) {
            Path rom = lab.resolve("rom.bin");
            Path saved = Files.copy(rom, work.resolve("rom-" + kind), StandardCopyOption.REPLACE_EXISTING);
            try {
                ok(CliRun.of("lab", "tamper", lab.toString(), "--what", kind));
                CliRun.of("lab", "power-on", lab.toString());
                CliRun received = receive("--skip-seals");
                assertThat(received.exitCode()).as(kind + ": " + received.out()).isEqualTo(OwnReceiveCommand.REJECTED);
                assertThat(received.out()).containsPattern("firmware +FAILED +the firmware image differs from the shipped one")
                        .containsPattern("totp +FAILED").contains(kind.equals("rom") ? "PCR 2" : "PCR 7");
            } finally {
                Files.copy(saved, rom, StandardCopyOption.REPLACE_EXISTING);
                CliRun.of("lab", "power-on", lab.toString());
            }
        }
    }

    @Test
    void handoffRefusesAMachineThatChangedSinceItsResetAndImpossibleThresholds() throws IOException {
        Path reference = OwnershipFiles.of(LabMachine.existing(lab)).reference();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(bundle.resolve("manifest.json").toFile());
        var recorded = (com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("reference");
        ((com.fasterxml.jackson.databind.node.ObjectNode) recorded.get("firmware")).put("sha256", "0".repeat(64));
        Files.writeString(reference, recorded.toString());
        try {
            CliRun refused = CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "3", "--threshold", "2",
                    "--out", work.resolve("bundle-after-change").toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("the machine changed since its reset (the firmware image differs");
            assertThat(work.resolve("bundle-after-change/manifest.json")).doesNotExist();
        } finally {
            Files.delete(reference);
        }
        CliRun impossible = CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "2", "--threshold", "3",
                "--out", work.resolve("bundle-3-of-2").toString());
        assertThat(impossible.exitCode()).isEqualTo(1);
        assertThat(impossible.err()).contains("the threshold must be between 1 and the number of shares (2), not 3");
    }

    private static CliRun receive(String... extra) {
        String[] base = {"own", "receive", bundle.toString(), "--machine", lab.toString(), "--check-only",
            "--fingerprint", fingerprint, "--shares", share(3) + "," + share(1)};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static String share(int x) {
        return bundle.resolve("share-" + x + ".txt").toString();
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static Path photo(Path file) throws IOException {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, (x * 7919 + y * 104729) & 0xffffff);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
