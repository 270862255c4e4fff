package dev.custody.cli.own;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.attest.OtpUri;
import dev.custody.cli.CliRun;
import dev.custody.cli.LabFolders;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole workflow through the custody command: the provisioner resets and hands off, the new
 * owner receives, and afterwards nothing the provisioner knew opens anything.
 */
class HandOffWorkflowCliTest extends LabFolders {
    private static final String PROVISIONER_OWNER = "shop owner 123";
    private static final String PROVISIONER_DISK_UNLOCK = "shop disk unlock";

    @Test
    void aGenuineBundleIsReceivedAndEverySecretIsRotated() throws Exception {
        ok(CliRun.of("lab", "create", lab.toString()));
        CliRun.of("lab", "power-on", lab.toString());
        Path answers = Files.writeString(work.resolve("answers.json"), "{\"tpmOwnerPassphrase\": \"" + PROVISIONER_OWNER
                + "\", \"uid\": \"Shop <it@shop.example>\", \"keyPassphrase\": \"shop key pass\", \"diskUnlockKey\": true,"
                + " \"diskUnlockPassphrase\": \"" + PROVISIONER_DISK_UNLOCK + "\", \"saveSecrets\": true}");
        CliRun reset = ok(CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString(), "--json"));
        String fingerprint = field(reset.out(), "ownerFingerprint");
        String oldTotp = field(reset.out(), "totpSecret");
        String oldRecovery = field(reset.out(), "diskRecoveryPassphrase");

        Path bundle = work.resolve("bundle");
        ok(CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "3", "--threshold", "2",
                "--out", bundle.toString()));
        CliRun received = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(),
                "--fingerprint", fingerprint, "--shares", bundle.resolve("share-3.txt") + "," + bundle.resolve("share-2.txt"),
                "--skip-seals", "--json");
        assertThat(received.exitCode()).as(received.out() + received.err()).isZero();
        assertThat(received.out()).contains("\"verdict\": \"verified\"").contains("\"rotated\": true");
        String newTotp = field(received.out(), "totpSecret");
        String newOwner = field(received.out(), "tpmOwnerPassphrase");
        String newRecovery = field(received.out(), "diskRecoveryPassphrase");
        String newDiskUnlock = field(received.out(), "diskUnlockPassphrase");
        assertThat(newTotp).isNotEqualTo(oldTotp);
        assertThat(newRecovery).isNotEqualTo(oldRecovery);
        assertThat(OwnershipFiles.of(new LabMachine(lab)).secrets()).as("the provisioner's saved secrets").doesNotExist();

        LabMachine machine = new LabMachine(lab);
        try (Tpm tpm = Tpms.open(machine.tpm()); Secret unsealed = new MachineOtp(machine, tpm).unseal()) {
            assertThat(OtpUri.base32(unsealed.bytes())).as("the old TOTP secret no longer unseals").isEqualTo(newTotp);
            try (Secret old = text(PROVISIONER_OWNER); Secret fresh = text(newOwner)) {
                assertThatThrownBy(() -> tpm.defineNv(0x01500020, 8, old)).isInstanceOf(TpmException.class);
                tpm.defineNv(0x01500021, 8, fresh);
            }
        }
        Path disk = lab.resolve("disk.img");
        assertThat(cryptsetupTest(disk, oldRecovery)).as("old recovery passphrase").isNotZero();
        assertThat(cryptsetupTest(disk, newRecovery)).as("new recovery passphrase").isZero();

        Path oldUnlock = Files.writeString(work.resolve("old-unlock"), PROVISIONER_DISK_UNLOCK);
        CliRun refused = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", oldUnlock.toString());
        assertThat(refused.exitCode()).isNotZero();
        CliRun.of("lab", "power-on", lab.toString());
        Path newUnlock = Files.writeString(work.resolve("new-unlock"), newDiskUnlock);
        Path key = work.resolve("disk.key");
        ok(CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", newUnlock.toString(),
                "--out", key.toString()));
        assertThat(new ProcessBuilder("cryptsetup", "open", "--test-passphrase", "--key-file", key.toString(), disk.toString())
                .start().waitFor()).isZero();
    }

    /** Hole 5 of issue 12: the saved secrets follow a reseal, and a stale one is never shipped. */
    @Test
    void theSavedSecretsFollowAResealAndAStaleOneIsNotShipped() throws Exception {
        ok(CliRun.of("lab", "create", lab.toString()));
        CliRun.of("lab", "power-on", lab.toString());
        Path answers = Files.writeString(work.resolve("answers.json"), "{\"tpmOwnerPassphrase\": \"" + PROVISIONER_OWNER
                + "\", \"keyType\": \"ed25519\", \"keyPassphrase\": \"shop key pass\", \"saveSecrets\": true}");
        CliRun reset = ok(CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString(), "--json"));
        String fingerprint = field(reset.out(), "ownerFingerprint");
        String resetTotp = field(reset.out(), "totpSecret");
        Path saved = OwnershipFiles.of(new LabMachine(lab)).secrets();
        String stale = Files.readString(saved);

        Path owner = Files.writeString(work.resolve("owner"), PROVISIONER_OWNER);
        CliRun sealed = ok(CliRun.of("totp", "seal", "--machine", lab.toString(), "--owner-auth-file", owner.toString()));
        Matcher secret = Pattern.compile("Secret \\(Base32\\): ([A-Z2-7]+)").matcher(sealed.out());
        assertThat(secret.find()).isTrue();
        assertThat(secret.group(1)).isNotEqualTo(resetTotp);
        assertThat(sealed.out()).contains("now hold this secret");
        assertThat(saved).content().contains("\"totpSecret\" : \"" + secret.group(1) + "\"")
                .contains("\"keyPassphrase\" : \"shop key pass\"");

        Path bundle = work.resolve("bundle");
        ok(CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "2", "--threshold", "2",
                "--out", bundle.toString()));
        CliRun received = CliRun.of("own", "receive", bundle.toString(), "--machine", lab.toString(), "--fingerprint",
                fingerprint, "--shares", bundle.resolve("share-1.txt") + "," + bundle.resolve("share-2.txt"),
                "--check-only", "--skip-seals");
        assertThat(received.exitCode()).as(received.out() + received.err()).isZero();
        assertThat(received.out()).containsPattern("totp +passed");

        Files.writeString(saved, stale);
        Path refusedBundle = work.resolve("refused");
        CliRun refused = CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "2", "--threshold", "2",
                "--out", refusedBundle.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("totpSecret is not the secret the TPM releases now").hasLineCount(1);
        assertThat(refusedBundle.resolve("manifest.json")).doesNotExist();

        Files.writeString(saved, stale.replace(resetTotp, secret.group(1)).replace(PROVISIONER_OWNER, "old owner 123"));
        CliRun wrongOwner = CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "2", "--threshold", "2",
                "--out", refusedBundle.toString());
        assertThat(wrongOwner.err()).contains("tpmOwnerPassphrase is not the TPM's owner passphrase");
        assertThat(refusedBundle.resolve("manifest.json")).doesNotExist();
    }

    private static int cryptsetupTest(Path disk, String passphrase) throws Exception {
        Process process = new ProcessBuilder("cryptsetup", "open", "--test-passphrase", "--key-file", "-", disk.toString())
                .redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(passphrase.getBytes(StandardCharsets.UTF_8));
        }
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": \"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static Secret text(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }
}
