package dev.custody.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.LabTools;
import dev.custody.cli.LabFolders;
import dev.custody.cli.own.OwnReceiveCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lab machine with a TPM 1.2 (swtpm in TPM 1.2 mode, as an x230 leaves the factory) through the
 * custody command, with the same options as on TPM 2.0. Every refusal comes from swtpm.
 */
class Tpm12LabCliTest extends LabFolders {
    /** disk-key unseal's exit code for a refused key. */
    private static final int DISK_KEY_REFUSED = 3;

    @BeforeEach
    void create() {
        CliRun created = CliRun.of("lab", "create", lab.toString(), "--tpm-version", "1.2");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("TPM 1.2");
    }

    /** Powers on (the earlier secret may be refused after a tamper) and seals a new secret to what was measured. */
    private String sealTotp() throws Exception {
        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
        assertThat(poweredOn.exitCode()).as(poweredOn.err()).isIn(LabPowerOnCommand.BOOT_REFUSED, LabPowerOnCommand.TOTP_REFUSED);
        Path png = work.resolve("qr.png");
        CliRun sealed = CliRun.of("totp", "seal", "--machine", lab.toString(), "--qr-png", png.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        return LabTools.run(work, "zbarimg", "--quiet", "--raw", png.toString()).replaceAll(".*secret=", "");
    }

    @Test
    void powerOnMeasuresWithSha1AndWritesACorebootTpm12Log() throws Exception {
        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
        assertThat(poweredOn.out()).contains("PCR 2  CBFS: fallback/romstage");
        CliRun info = CliRun.of("tpm", "info", "--json", "--tpm", "vtpm:" + lab.resolve("tpm"));
        assertThat(info.out()).contains("\"family\": \"1.2\"").contains("\"sha1\"");
        CliRun log = CliRun.of("eventlog", "check", lab.resolve("eventlog.bin").toString(), "--tpm", "vtpm:" + lab.resolve("tpm"));
        assertThat(log.exitCode()).as(log.out() + log.err()).isZero();
        assertThat(CliRun.of("eventlog", "show", lab.resolve("eventlog.bin").toString()).out()).contains("coreboot-cbt1");
    }

    @Test
    void totpAndHotpMatchOathtoolAndTamperingNamesThePcr() throws Exception {
        String secret = sealTotp();
        assertThat(LabTools.totpCode(lab)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", secret));
        CliRun hotp = CliRun.of("hotp", "--machine", lab.toString(), "--json");
        String counter = hotp.out().replaceAll("(?s).*\"counter\": (\\d+).*", "$1");
        assertThat(hotp.out()).contains("\"code\": \"" + LabTools.run(work, "oathtool", "--hotp", "-b", secret, "-c", counter) + "\"");
        CliRun status = CliRun.of("lab", "status", lab.toString());
        assertThat(status.out()).contains("sealed to PCRs 0,1,2,3,4,7");

        CliRun.of("lab", "tamper", lab.toString(), "--what", "rom");
        CliRun refused = CliRun.of("lab", "power-on", lab.toString());
        assertThat(refused.exitCode()).isEqualTo(LabPowerOnCommand.TOTP_REFUSED);
        assertThat(refused.out()).contains("TPM_WRONGPCRVAL").contains("changed since sealing: PCR 2\n")
                .contains("PCR 2: CBFS file fallback/romstage changed");

        sealTotp();
        CliRun.of("lab", "tamper", lab.toString(), "--what", "keyring");
        assertThat(CliRun.of("lab", "power-on", lab.toString()).out()).contains("changed since sealing: PCR 7\n")
                .contains("PCR 7: action \"Heads: /.gnupg/pubring.kbx\" added");

        sealTotp();
        CliRun.of("lab", "tamper", lab.toString(), "--what", "config");
        assertThat(CliRun.of("lab", "power-on", lab.toString()).out()).contains("changed since sealing: PCR 7\n")
                .contains("Heads: /etc/config.user");

        String resealed = sealTotp();
        CliRun.of("lab", "tamper", lab.toString(), "--what", "recovery");
        CliRun recovery = CliRun.of("totp", "--machine", lab.toString());
        assertThat(recovery.exitCode()).isNotZero();
        assertThat(recovery.err()).contains("changed since sealing: PCR 4");
        CliRun.of("lab", "power-on", lab.toString());
        assertThat(LabTools.totpCode(lab)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", resealed));
        assertThat(Files.readString(lab.resolve("state/seal-records/0x81004d47.seal"))).contains("pcrs sha1:0,1,2,3,4,7");
    }

    /** Heads' TPM1 rollback counter: label 0x45221351, numbered by swtpm, which refuses an older signed /boot. */
    @Test
    void bootVerificationRefusesAnOlderSignedBootThroughTheTpm12Counter() throws Exception {
        String[] sign = ownerKeyAndSignCommand();
        CliRun signed = CliRun.of(sign);
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isZero();
        assertThat(CliRun.of(sign).exitCode()).isZero();
        CliRun verified = CliRun.of("lab", "power-on", lab.toString());
        assertThat(verified.exitCode()).as(verified.out()).isZero();
        assertThat(verified.out()).contains(": verified");

        // kexec_rollback.txt is sha256sum of tpmtotp's counter_read line: "ID: 000e" label value.
        String record = Files.readString(lab.resolve("boot/kexec_rollback.txt"));
        String id = record.replaceAll("(?s).*/tmp/counter-([0-9a-f]+).*", "$1");
        Path counterFile = work.resolve("counter-" + id);
        boolean matched = false;
        for (long value = 0; value < 64 && !matched; value++) {
            Files.writeString(counterFile, id + ": 000e45221351" + String.format("%08x", value) + "\n");
            matched = record.startsWith(LabTools.run(work, "sha256sum", counterFile.toString()).substring(0, 64));
        }
        assertThat(matched).as(record).isTrue();

        CliRun.of("lab", "tamper", lab.toString(), "--what", "rollback");
        CliRun rolledBack = CliRun.of("lab", "power-on", lab.toString());
        assertThat(rolledBack.exitCode()).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
        assertThat(rolledBack.out()).contains("NOT VERIFIED").contains("rollback").doesNotContain("kexec -l");
    }

    /** The owner's key in the firmware; returns the boot sign command line. */
    private String[] ownerKeyAndSignCommand() throws Exception {
        Path passphrase = Files.writeString(work.resolve("passphrase"), "owner passphrase");
        Path key = work.resolve("key.asc");
        Path publicKey = work.resolve("key.pub.asc");
        assertThat(CliRun.of("key", "generate", "--uid", "Owner <o@lab.invalid>", "--algorithm", "ED25519",
                "--out", key.toString(), "--public", publicKey.toString(), "--passphrase-file", passphrase.toString())
                .exitCode()).isZero();
        dev.custody.machine.lab.LabKeys.installPublicKey(new dev.custody.machine.LabMachine(lab), publicKey);
        return new String[] {"boot", "sign", "--boot", lab.resolve("boot").toString(), "--key", key.toString(),
            "--passphrase-file", passphrase.toString(), "--default", "1", "--tpm", "vtpm:" + lab.resolve("tpm")};
    }

    /** Heads' disk unlock key at NV index 3: swtpm refuses a wrong passphrase (AUTH2FAIL) and a changed firmware. */
    @Test
    void diskKeyOpensTheLuksImageAndIsRefusedForAWrongPassphraseOrChangedFirmware() throws Exception {
        String[] sign = ownerKeyAndSignCommand();
        assertThat(CliRun.of(sign).exitCode()).isZero();
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isZero();
        Path unlock = Files.writeString(work.resolve("disk-passphrase"), "disk unlock passphrase\n");
        CliRun sealed = CliRun.of("disk-key", "seal", "--machine", lab.toString(), "--passphrase-file", unlock.toString(),
                "--key", sign[5], "--key-passphrase-file", sign[7]);
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(Files.readString(lab.resolve("state/seal-records/0x81000003.seal"))).contains("pcrs sha1:0,1,2,3,4,5,6,7");

        CliRun.of("lab", "power-on", lab.toString());
        Path wrong = Files.writeString(work.resolve("wrong"), "not the disk passphrase\n");
        CliRun refused = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", wrong.toString());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(DISK_KEY_REFUSED);
        assertThat(refused.err()).contains("passphrase is wrong");

        CliRun.of("lab", "power-on", lab.toString());
        Path keyFile = work.resolve("duk");
        CliRun unsealed = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", unlock.toString(),
                "--out", keyFile.toString());
        assertThat(unsealed.exitCode()).as(unsealed.err()).isZero();
        LabTools.run(work, "cryptsetup", "open", "--test-passphrase", "--key-file", keyFile.toString(),
                lab.resolve("disk.img").toString());

        CliRun.of("lab", "tamper", lab.toString(), "--what", "rom");
        CliRun.of("lab", "power-on", lab.toString());
        CliRun tampered = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", unlock.toString());
        assertThat(tampered.exitCode()).isEqualTo(DISK_KEY_REFUSED);
        assertThat(tampered.err()).contains("TPM_WRONGPCRVAL").contains("changed since sealing: PCR 2").contains("fallback/romstage");
    }

    /** The new firmware's SHA-1 measurements are predicted and the same secret resealed to them. */
    @Test
    void firmwareUpdateWithKeepSettingsKeepsTheCodeValid() throws Exception {
        String secret = sealTotp();
        Path update = work.resolve("update.rom");
        Files.copy(lab.resolve("rom.bin"), update);
        Path romstage = Files.write(work.resolve("romstage"), "a newer romstage".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(CliRun.of("rom", "remove", update.toString(), "--name", "fallback/romstage").exitCode()).isZero();
        assertThat(CliRun.of("rom", "add", update.toString(), "--name", "fallback/romstage", "--file", romstage.toString(),
                "--compression", "lz4").exitCode()).isZero();

        CliRun flashed = CliRun.of("rom", "flash", update.toString(), "--machine", lab.toString(), "--keep-settings");
        assertThat(flashed.exitCode()).as(flashed.err()).isZero();
        assertThat(flashed.out()).contains("Resealed the TOTP secret");
        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
        assertThat(poweredOn.out()).contains("TOTP:  ").doesNotContain("TOTP:  NONE");
        assertThat(LabTools.totpCode(lab)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", secret));
    }

    /**
     * Heads' tpm1_reset from an answers file (TPM_ForceClear under physical presence, then
     * TPM_TakeOwnership), then the hand-off and its check on the same machine, which a changed
     * config must fail: swtpm refuses the TOTP secret and PCR 7 differs from the manifest.
     */
    @Test
    void ownResetThenHandoffAndCheckOnlyReceivePassAndRefuseAfterATamper() throws Exception {
        Path answers = Files.writeString(work.resolve("answers.json"), "{\"tpmOwnerPassphrase\": \"shop owner 1.2\","
                + " \"uid\": \"Shop <shop@lab.invalid>\", \"keyPassphrase\": \"shop key\", \"keyType\": \"ed25519\","
                + " \"saveSecrets\": true, \"dictionaryAttack\": {\"maxTries\": 5}}");
        CliRun reset = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString());
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("cleared with TPM_ForceClear under physical presence")
                .contains("endorsement passphrase: not applicable on TPM 1.2")
                .contains("dictionaryAttack: not applicable on TPM 1.2")
                .contains("the TPM releases the TOTP secret, so the prediction was right");
        assertThat(lab.resolve("state/ownership/reference.json")).content().contains("\"bank\" : \"sha1\"");

        Path bundle = work.resolve("bundle");
        CliRun handoff = CliRun.of("own", "handoff", "--machine", lab.toString(), "--shares", "3", "--threshold", "2",
                "--out", bundle.toString());
        assertThat(handoff.exitCode()).as(handoff.out() + handoff.err()).isZero();
        String[] receive = {"own", "receive", bundle.toString(), "--machine", lab.toString(), "--provisioner-key",
            lab.resolve("state/ownership/owner-pub.asc").toString(), "--shares",
            bundle.resolve("share-1.txt") + "," + bundle.resolve("share-3.txt"), "--check-only", "--skip-seals"};
        CliRun received = CliRun.of(receive);
        assertThat(received.exitCode()).as(received.out() + received.err()).isZero();
        for (String check : new String[] {"signature", "shares", "identity", "firmware", "boot", "pcrs", "totp"}) {
            assertThat(received.out()).containsPattern(check + " +passed");
        }

        CliRun.of("lab", "tamper", lab.toString(), "--what", "config");
        CliRun.of("lab", "power-on", lab.toString());
        CliRun refused = CliRun.of(receive);
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(OwnReceiveCommand.REJECTED);
        assertThat(refused.out()).containsPattern("pcrs +FAILED +PCR 7 differs").containsPattern("totp +FAILED")
                .contains("TPM_WRONGPCRVAL").contains("changed since sealing: PCR 7").contains("REJECTED");
    }
}
