package dev.custody.cli.own;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.cli.CliRun;
import dev.custody.cli.LabTools;
import dev.custody.cli.LabFolders;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OEM factory reset on a lab machine, checked with swtpm, cbfstool, gpgv, zbarimg and oathtool. */
class OwnResetCliTest extends LabFolders {
    private static final String OWNER = "correct horse 12";

    private CliRun reset(String answers, String... more) throws IOException {
        assertThat(CliRun.of("lab", "create", lab.toString()).exitCode()).isZero();
        CliRun.of("lab", "power-on", lab.toString());
        Path file = Files.writeString(work.resolve("answers.json"), answers);
        List<String> args = new java.util.ArrayList<>(List.of("own", "reset", "--machine", lab.toString(),
                "--answers", file.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theNewOwnerPassphraseWorksAndTheOldOneDoesNot() throws Exception {
        CliRun reset = reset("{\"tpmOwnerPassphrase\": \"" + OWNER + "\", \"keyPassphrase\": \"key passphrase\"}");
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("cleared through the platform hierarchy").contains(OWNER);
        try (Tpm tpm = Tpms.open(new LabMachine(lab).tpm());
             Secret owner = Secret.copyOf(OWNER.getBytes(StandardCharsets.UTF_8))) {
            tpm.defineNv(0x01500001, 8, owner);
            tpm.undefineNv(0x01500001, owner);
            assertThatThrownBy(() -> tpm.defineNv(0x01500002, 8, Secret.empty()))
                    .isInstanceOf(TpmException.class).hasMessageContaining("the authorisation is wrong");
        }
        CliRun withoutOwner = CliRun.of("totp", "seal", "--machine", lab.toString());
        assertThat(withoutOwner.exitCode()).isEqualTo(1);
        assertThat(withoutOwner.err()).contains("needs the TPM owner passphrase").contains("--owner-auth-file F");
        Path owner = Files.writeString(work.resolve("owner"), OWNER);
        CliRun withOwner = CliRun.of("totp", "seal", "--machine", lab.toString(), "--owner-auth-file", owner.toString());
        assertThat(withOwner.exitCode()).as(withOwner.err()).isZero();
    }

    @Test
    void theFirmwareKeyringVerifiesBootWithGpgvAndTheTotpMatchesOathtool() throws Exception {
        Path png = work.resolve("qr.png");
        CliRun reset = reset("{\"tpmOwnerPassphrase\": \"" + OWNER + "\", \"uid\": \"Shop <shop@lab.invalid>\","
                + " \"keyType\": \"ed25519\", \"keyPassphrase\": \"key passphrase\", \"totpLabel\": \"lab-x230\"}",
                "--qr-png", png.toString());
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("the prediction was right");

        Path keyring = work.resolve("pubring.kbx");
        LabTools.run(work, "cbfstool", lab.resolve("rom.bin").toString(), "extract", "-n", "heads/initrd/.gnupg/pubring.kbx",
                "-f", keyring.toString(), "-m", "x86");
        Path boot = lab.resolve("boot");
        String sums = LabTools.run(boot, "bash", "-c", "sha256sum kexec*.txt");
        Path signed = Files.writeString(work.resolve("signed.txt"), sums + "\n");
        LabTools.run(work, "gpgv", "--keyring", keyring.toString(), boot.resolve("kexec.sig").toString(), signed.toString());

        String uri = LabTools.run(work, "zbarimg", "--quiet", "--raw", png.toString());
        assertThat(uri).startsWith("otpauth://totp/lab-x230?secret=");
        String secret = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        assertThat(LabTools.totpCode(lab)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", secret));

        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
        assertThat(poweredOn.exitCode()).as(poweredOn.out()).isZero();
        assertThat(poweredOn.out()).contains(": verified").contains("Shop");
        assertThat(LabTools.totpCode(lab)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", secret));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                OwnershipFiles.of(new LabMachine(lab)).ownerSecretKey()))).isEqualTo("rw-------");
    }

    @Test
    void theDiskUnlockKeyOpensTheDiskAfterTheResetAndReachesTheKernelsInitrd() throws Exception {
        CliRun reset = reset("{\"keyPassphrase\": \"key passphrase\", \"diskUnlockKey\": true,"
                + " \"diskUnlockPassphrase\": \"disk unlock 1\"}");
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("keyslot 31").contains("diskUnlockPassphrase     disk unlock 1");
        Path passphrase = Files.writeString(work.resolve("duk-passphrase"), "disk unlock 1");
        Path disk = lab.resolve("disk.img");

        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString(), "--disk-passphrase-file", passphrase.toString());
        assertThat(poweredOn.exitCode()).as(poweredOn.out() + poweredOn.err()).isZero();
        Path combined = lab.resolve("state/initrd-with-disk-key.img");
        byte[] all = Files.readAllBytes(combined);
        byte[] original = Files.readAllBytes(lab.resolve("boot/initramfs-6.6.58-1.qubes.fc37.x86_64.img"));
        Path cpio = Files.write(work.resolve("key.cpio"),
                java.util.Arrays.copyOfRange(all, (original.length + 511) / 512 * 512, all.length));
        assertThat(LabTools.run(work, "sh", "-c", "cpio -t < " + cpio).lines()).contains("./secret.key");

        CliRun.of("lab", "power-on", lab.toString());
        Path key = work.resolve("disk.key");
        CliRun unsealed = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file",
                passphrase.toString(), "--out", key.toString());
        assertThat(unsealed.exitCode()).as(unsealed.err()).isZero();
        LabTools.run(work, "cryptsetup", "open", "--test-passphrase", "--key-file", key.toString(), disk.toString());
    }

    /**
     * This computer with a Heads chip: flashrom's dummy programmer stands in for the chip (holding
     * the lab's ROM) and the lab's TPM and /boot for the computer's. Copying the chip back into the
     * lab and powering on is the reboot.
     */
    @Test
    void aHostsChipIsFlashedThroughFlashromAndTheSealedTotpSurvivesTheReboot() throws Exception {
        lab = testLab.create();
        CliRun.of("lab", "power-on", lab.toString());
        Path chip = Files.copy(lab.resolve("rom.bin"), work.resolve("chip.rom"));
        Path answers = Files.writeString(work.resolve("answers.json"), "{\"tpmOwnerPassphrase\": \"" + OWNER + "\"}");
        Path png = work.resolve("qr.png");
        String tpm = "vtpm:" + lab.resolve("tpm");
        CliRun reset = CliRun.of("own", "reset", "--tpm", tpm, "--boot", lab.resolve("boot").toString(),
                "--answers", answers.toString(), "--qr-png", png.toString(),
                "--programmer", "dummy:emulate=VARIABLE_SIZE,size=" + Files.size(chip) + ",image=" + chip);
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("written and verified by reading back").contains("reboot now");
        assertThat(LabTools.run(work, "cbfstool", chip.toString(), "print")).contains("heads/initrd/.gnupg/pubring.kbx");
        assertThat(lab.resolve("tpm/ownership/firmware-before-reset.rom")).hasSameBinaryContentAs(lab.resolve("rom.bin"));

        Files.copy(chip, lab.resolve("rom.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun.of("lab", "power-on", lab.toString());
        String secret = LabTools.run(work, "zbarimg", "--quiet", "--raw", png.toString()).replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        assertThat(LabTools.totpCode("--tpm", tpm)).isEqualTo(LabTools.run(work, "oathtool", "--totp", "-b", secret));
    }

    @Test
    void savedSecretsArePrivateAndJsonShowsThemOnce() throws Exception {
        CliRun reset = reset("{\"keyPassphrase\": \"key passphrase\", \"saveSecrets\": true}", "--json");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("\"tpmOwnerPassphrase\": \"12345678\"").contains("\"totpAfterPowerOn\": true");
        Path saved = OwnershipFiles.of(new LabMachine(lab)).secrets();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(saved).content().contains("\"keyPassphrase\" : \"key passphrase\"");
    }

    @Test
    void badAnswersAreRefusedBeforeAnythingChanges() throws Exception {
        CliRun shortPassphrase = reset("{\"tpmOwnerPassphrase\": \"short\"}");
        assertThat(shortPassphrase.exitCode()).isEqualTo(1);
        assertThat(shortPassphrase.err()).contains("answers.json: tpmOwnerPassphrase: must be 8-25 characters")
                .doesNotContain("Exception");
        Path answers = Files.writeString(work.resolve("typo.json"), "{\"tpmOwnerPasphrase\": \"12345678\"}");
        CliRun typo = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString());
        assertThat(typo.err()).contains("typo.json: tpmOwnerPasphrase: unknown key");
        Files.writeString(answers, "{not json");
        assertThat(CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString()).err())
                .contains("not valid JSON");
        Files.writeString(answers, "{\"keyStorage\": \"smartcard\"}");
        assertThat(CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString()).err())
                .contains("nothing was changed");
        assertThat(lab.resolve("boot/kexec.sig")).doesNotExist();
    }

    /** Hole 2 and 7 of issue 12, with variants: each refused naming the file and field, the machine untouched. */
    @Test
    void weakOrImpossibleAnswersAreRefusedNamingTheFieldAndTheMachineIsUntouched() throws Exception {
        lab = testLab.create();
        CliRun.of("lab", "power-on", lab.toString());
        byte[] rom = Files.readAllBytes(lab.resolve("rom.bin"));
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"tpmOwnerPassphrase\": null}", "tpmOwnerPassphrase: null is not an answer");
        refusals.put("{\"keyPassphrase\": null, \"tpmOwnerPassphrase\": \"ownerpass1\"}", "keyPassphrase: null");
        refusals.put("{\"uid\": \"Evil\\nUser\"}", "uid: holds a control character");
        refusals.put("{\"uid\": \"Evil\\u001b[31m\"}", "uid: holds a control character");
        refusals.put("{\"uid\": \"" + "u".repeat(101) + "\"}", "uid: must be 1-100 characters");
        refusals.put("{\"totpLabel\": \"" + "x".repeat(100_000) + "\"}", "totpLabel: must be 1-64 characters");
        refusals.put("{\"totpLabel\": \"lab\\r\"}", "totpLabel: holds a control character");
        refusals.put("{\"tpmOwnerPassphrase\": \"owner\\tpass1\"}", "tpmOwnerPassphrase: holds a control character");
        refusals.put("{\"totpPcrs\": \"0,2,16\"}", "totpPcrs: PCRs [16]");
        refusals.put("{\"totpPcrs\": \"7,23\"}", "totpPcrs: PCRs [23]");
        refusals.put("{\"defaultBootEntry\": 0}", "defaultBootEntry: must be a menu entry number");
        refusals.put("{\"defaultBootEntry\": -1}", "defaultBootEntry: must be a menu entry number");
        refusals.put("{\"defaultBootEntry\": \"1\"}", "defaultBootEntry: must be a whole number");
        refusals.put("{\"defaultBootEntry\": 1.5}", "defaultBootEntry: must be a whole number");
        refusals.put("{\"defaultBootEntry\": ffffffffffffffffffff}", "answers.json: not valid JSON (line 1");
        refusals.put("{\"defaultBootEntry\": \"ffffffffffffffffffff\"}", "defaultBootEntry: must be a whole number, not a string");
        refusals.put("{\"defaultBootEntry\": 18446744073709551615}", "defaultBootEntry: 18446744073709551615 is out of range");
        refusals.put("{\"dictionaryAttack\": {\"maxTries\": 4294967296}}", "dictionaryAttack.maxTries: 4294967296 is out of range");
        refusals.put("{\"dictionaryAttack\": {\"maxTries\": 0}}", "dictionaryAttack.maxTries: must be 1-1000");
        refusals.put("{\"dictionaryAttack\": {\"tries\": 5}}", "dictionaryAttack.tries: unknown key");
        refusals.put("{\"uid\": \"A\", \"uid\": \"B\"}", "Duplicate field 'uid'");
        refusals.put("{\"saveSecrets\": \"yes\"}", "saveSecrets: must be true or false");
        refusals.put("{\"diskUnlockPassphrase\": \"disk unlock 1\"}", "diskUnlockPassphrase: given, but diskUnlockKey is not true");
        refusals.put("{\"defaultBootEntry\": 99}", "defaultBootEntry: there is no boot entry 99 (there are 1");
        refusals.put("{\"currentTpmOwnerPassphrase\": \"not the owner\"}", "currentTpmOwnerPassphrase: is not this TPM's owner passphrase");
        for (var refusal : refusals.entrySet()) {
            Path answers = Files.writeString(work.resolve("answers.json"), refusal.getKey());
            CliRun run = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString());
            assertThat(run.exitCode()).as(refusal.getKey()).isEqualTo(1);
            assertThat(run.err()).as(refusal.getKey()).startsWith("custody: ").contains(refusal.getValue())
                    .doesNotContain("Exception").hasLineCount(1);
        }

        Path both = Files.writeString(work.resolve("answers.json"), "{\"tpmOwnerPassphrase\": \"ownerpass1\","
                + " \"defaultBootEntry\": 99, \"diskRecoveryPassphrase\": \"not the disk's\", \"diskUnlockKey\": true,"
                + " \"diskUnlockPassphrase\": \"disk unlock 1\"}");
        CliRun all = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", both.toString());
        assertThat(all.err()).as("every problem at once").contains("nothing was changed").contains("2 problem(s)")
                .contains("there is no boot entry 99").contains("diskRecoveryPassphrase: does not open disk.img");

        assertThat(lab.resolve("rom.bin")).hasBinaryContent(rom);
        assertThat(lab.resolve("boot/kexec.sig")).doesNotExist();
        assertThat(OwnershipFiles.of(new LabMachine(lab)).directory().resolve("reset-journal.json")).doesNotExist();
        try (Tpm tpm = Tpms.open(new LabMachine(lab).tpm())) {
            assertThat(tpm.authorizes(Hierarchy.OWNER, Secret.empty())).as("the owner passphrase is not set").isTrue();
        }
    }
}
