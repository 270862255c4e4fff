package dev.custody.cli.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.lab.LabPowerOnCommand;
import dev.custody.common.Secret;
import dev.custody.machine.DiskKeyRefusedException;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabKeys;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk unlock key on a real lab machine: swtpm, cryptsetup on its LUKS2 image, GNU cpio on
 * the initrd handed to the kernel. One machine is set up once; each test starts from its sealed
 * state (disk and ROM restored) and a fresh power-on.
 */
class DiskKeyCliTest {
    @TempDir
    static Path work;

    private static Path lab;
    private static Path unlockPassphrase;
    private static Path diskBackup;
    private static Path romBackup;

    @BeforeAll
    static void setUpMachineWithSignedBootAndDiskKey() throws Exception {
        lab = work.resolve("lab");
        assertThat(CliRun.of("lab", "create", lab.toString()).exitCode()).isZero();
        Path passphrase = Files.writeString(work.resolve("passphrase"), "owner passphrase");
        Path key = work.resolve("key.asc");
        Path publicKey = work.resolve("key.pub.asc");
        assertThat(CliRun.of("key", "generate", "--uid", "Owner <o@lab.invalid>", "--algorithm", "ED25519",
                "--out", key.toString(), "--public", publicKey.toString(), "--passphrase-file", passphrase.toString())
                .exitCode()).isZero();
        LabKeys.installPublicKey(new LabMachine(lab), publicKey);
        String[] sign = {"boot", "sign", "--boot", lab.resolve("boot").toString(), "--key", key.toString(),
            "--passphrase-file", passphrase.toString(), "--default", "1", "--tpm", "vtpm:" + lab.resolve("tpm")};
        assertThat(CliRun.of(sign).exitCode()).isZero();
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isZero();

        unlockPassphrase = Files.writeString(work.resolve("disk-passphrase"), "disk unlock passphrase\n");
        CliRun sealed = CliRun.of("disk-key", "seal", "--machine", lab.toString(), "--passphrase-file", unlockPassphrase.toString(),
                "--key", key.toString(), "--key-passphrase-file", passphrase.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(sealed.out()).contains("LUKS keyslot 31").contains("0x81000003").contains("/boot signed again");
        diskBackup = Files.copy(lab.resolve("disk.img"), work.resolve("disk.img.sealed"));
        romBackup = Files.copy(lab.resolve("rom.bin"), work.resolve("rom.bin.sealed"));
    }

    @AfterAll
    static void stopLab() {
        CliRun.of("lab", "stop", lab.toString());
    }

    @BeforeEach
    void restoreTheSealedMachine() throws IOException {
        Files.copy(diskBackup, lab.resolve("disk.img"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(romBackup, lab.resolve("rom.bin"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void sealRecordsTheHeadsFilesAndTheKeyOpensTheDisk() throws Exception {
        assertThat(lab.resolve("boot/kexec_key_devices.txt")).content()
                .isEqualTo("disk.img " + run("cryptsetup", "luksUUID", lab.resolve("disk.img").toString()) + "\n");
        Path header = work.resolve("header-" + System.nanoTime());
        run("cryptsetup", "luksHeaderBackup", lab.resolve("disk.img").toString(), "--header-backup-file", header.toString());
        String sha = run("sha256sum", header.toString()).split(" ")[0];
        assertThat(lab.resolve("boot/kexec_lukshdr_hash.txt")).content().isEqualTo(sha + "  /tmp/lukshdr-disk.img\n");
        assertThat(run("cryptsetup", "luksDump", lab.resolve("disk.img").toString())).containsPattern("(?m)^\\s+31: luks2$");

        assertThat(CliRun.of("lab", "power-on", lab.toString()).out()).contains("the disk will ask for its passphrase");
        Path keyFile = work.resolve("duk-" + System.nanoTime());
        CliRun unsealed = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file",
                unlockPassphrase.toString(), "--out", keyFile.toString());
        assertThat(unsealed.exitCode()).as(unsealed.err()).isZero();
        assertThat(Files.size(keyFile)).isEqualTo(128);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        run("cryptsetup", "open", "--test-passphrase", "--key-file", keyFile.toString(), lab.resolve("disk.img").toString());

        CliRun again = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", unlockPassphrase.toString());
        assertThat(again.exitCode()).isEqualTo(DiskKeyUnsealCommand.REFUSED);
        assertThat(again.err()).contains("already released").contains("recovery passphrase still opens the disk");
    }

    @Test
    void powerOnHandsTheKeyToTheVerifiedKernelInACopyOfItsInitrd() throws Exception {
        Path bootInitrd = lab.resolve("boot/initramfs-6.6.58-1.qubes.fc37.x86_64.img");
        byte[] original = Files.readAllBytes(bootInitrd);
        CliRun on = CliRun.of("lab", "power-on", lab.toString(), "--disk-passphrase-file", unlockPassphrase.toString());
        assertThat(on.exitCode()).as(on.out() + on.err()).isZero();
        Path combined = DiskUnlock.keyInitrdPath(new LabMachine(lab));
        assertThat(on.out()).contains("unlock key released to the verified kernel").contains("--module=" + combined);
        assertThat(bootInitrd).hasBinaryContent(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(combined))).isEqualTo("rw-------");

        byte[] all = Files.readAllBytes(combined);
        int padded = (original.length + 511) / 512 * 512;
        assertThat(all.length % 512).isZero();
        assertThat(java.util.Arrays.copyOf(all, original.length)).isEqualTo(original);
        Path cpio = Files.write(work.resolve("key.cpio"), java.util.Arrays.copyOfRange(all, padded, all.length));
        assertThat(runIn(cpio, "cpio", "-t").lines().toList())
                .containsExactly("./secret.key", "./etc/crypttab", "./cryptroot/crypttab");
        Path extracted = Files.createDirectories(work.resolve("extracted-" + System.nanoTime()));
        runIn(cpio, "cpio", "-i", "-d", "-D", extracted.toString());
        run("cryptsetup", "open", "--test-passphrase", "--key-file", extracted.resolve("secret.key").toString(),
                lab.resolve("disk.img").toString());
        String uuid = run("cryptsetup", "luksUUID", lab.resolve("disk.img").toString());
        assertThat(extracted.resolve("etc/crypttab")).content()
                .isEqualTo("luks-" + uuid + " UUID=" + uuid + " /secret.key luks,discard\n");

        CliRun next = CliRun.of("lab", "power-on", lab.toString());
        assertThat(combined).as("the next power-on deletes the key initrd").doesNotExist();
        assertThat(next.out()).doesNotContain(combined.toString());
    }

    @Test
    void aChangedLuksHeaderIsRefusedByNameAndTheRecoveryPassphraseStillWorks() throws Exception {
        CliRun tampered = CliRun.of("lab", "tamper", lab.toString(), "--what", "luks-header");
        assertThat(tampered.exitCode()).isZero();
        CliRun on = CliRun.of("lab", "power-on", lab.toString(), "--disk-passphrase-file", unlockPassphrase.toString());
        assertThat(on.exitCode()).isEqualTo(LabPowerOnCommand.DISK_KEY_REFUSED);
        assertThat(on.out()).contains("the LUKS header of disk.img changed since the disk key was sealed")
                .contains("recovery passphrase still opens the disk").contains("kexec -l")
                .doesNotContain(DiskUnlock.keyInitrdPath(new LabMachine(lab)).toString());
        assertRecoveryPassphraseOpensTheDisk();
    }

    @Test
    void changedFirmwareIsRefusedNamingThePcrAndTheFile() throws Exception {
        CliRun.of("lab", "tamper", lab.toString(), "--what", "rom");
        CliRun.of("lab", "power-on", lab.toString());
        CliRun refused = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", unlockPassphrase.toString());
        assertThat(refused.exitCode()).isEqualTo(DiskKeyUnsealCommand.REFUSED);
        assertThat(refused.err()).contains("changed since sealing: PCR 2").contains("fallback/romstage")
                .contains("recovery passphrase still opens the disk");
        assertRecoveryPassphraseOpensTheDisk();
    }

    @Test
    void recoveryModeIsNamed() throws Exception {
        CliRun.of("lab", "power-on", lab.toString());
        CliRun.of("lab", "tamper", lab.toString(), "--what", "recovery");
        CliRun refused = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", unlockPassphrase.toString());
        assertThat(refused.exitCode()).isEqualTo(DiskKeyUnsealCommand.REFUSED);
        assertThat(refused.err()).contains("recovery mode").contains("recovery passphrase still opens the disk");
        assertRecoveryPassphraseOpensTheDisk();
    }

    @Test
    void threeWrongPassphrasesAreRefusedAndPcr4ClosesTheKeyForThisBoot() throws Exception {
        CliRun.of("lab", "power-on", lab.toString());
        LabMachine machine = new LabMachine(lab);
        List<String> reasons = new ArrayList<>();
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            Assertions.assertThatThrownBy(() -> DiskUnlock.unlock(machine, tpm, (attempt, previous) -> {
                previous.ifPresent(reasons::add);
                return Secret.copyOf(("wrong passphrase " + attempt).getBytes(StandardCharsets.US_ASCII));
            }, 3)).isInstanceOfSatisfying(DiskKeyRefusedException.class, e -> {
                assertThat(e.reason()).isEqualTo(DiskKeyRefusedException.Reason.WRONG_PASSPHRASE);
                assertThat(e).hasMessageContaining("wrong (3 tries)");
            });
            // swtpm allows 3 failures before its dictionary-attack lockout; the lab has no lockout passphrase.
            tpm.resetDictionaryAttack(Secret.empty());
        }
        assertThat(reasons).containsExactly("the disk unlock passphrase is wrong", "the disk unlock passphrase is wrong");
        CliRun afterwards = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", unlockPassphrase.toString());
        assertThat(afterwards.err()).contains("already released (or refused) in this boot");
        assertRecoveryPassphraseOpensTheDisk();

        CliRun.of("lab", "power-on", lab.toString());
        Path wrong = Files.writeString(work.resolve("wrong"), "not the passphrase");
        CliRun once = CliRun.of("disk-key", "unseal", "--machine", lab.toString(), "--passphrase-file", wrong.toString());
        assertThat(once.err()).contains("the disk unlock passphrase is wrong (1 try)");
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            tpm.resetDictionaryAttack(Secret.empty());
        }
    }

    /** On a terminal (a pty from util-linux' script) the passphrase is asked up to three times. */
    @Test
    void onATerminalTheThirdPassphraseCanStillBeRight() throws Exception {
        CliRun.of("lab", "power-on", lab.toString());
        String custody = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.custody.cli.Main", "disk-key", "unseal", "--machine", lab.toString());
        String typed = "wrong one\nwrong two\n" + Files.readString(unlockPassphrase);
        Process terminal = new ProcessBuilder("script", "-qec", custody, "/dev/null").redirectErrorStream(true).start();
        try (var keyboard = terminal.getOutputStream()) {
            keyboard.write(typed.getBytes(StandardCharsets.UTF_8));
        }
        String screen = new String(terminal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(terminal.waitFor()).as(screen).isZero();
        try (Tpm tpm = Tpms.open(new LabMachine(lab).tpm())) {
            tpm.resetDictionaryAttack(Secret.empty());
        }
        assertThat(screen).contains("wrong; try again (2 of 3)").contains("wrong; try again (3 of 3)")
                .contains("Disk unlock key released (128 bytes)");
    }

    @Test
    void statusAndResealReplaceKeyslot31() throws Exception {
        CliRun status = CliRun.of("disk-key", "status", "--machine", lab.toString(), "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("\"sealed\": true").contains("\"keyslot31\": true").contains("\"headerChanged\": null");
        CliRun.of("lab", "tamper", lab.toString(), "--what", "luks-header");
        assertThat(CliRun.of("disk-key", "status", "--machine", lab.toString()).out())
                .contains("the header of disk.img CHANGED since sealing");
    }

    @Test
    void setUpRefusesAWrongRecoveryPassphraseAndChangesNothing() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong-recovery"), "not the recovery passphrase");
        byte[] devices = Files.readAllBytes(lab.resolve("boot/kexec_key_devices.txt"));
        CliRun refused = CliRun.of("disk-key", "seal", "--machine", lab.toString(), "--passphrase-file",
                unlockPassphrase.toString(), "--recovery-passphrase-file", wrong.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("the recovery passphrase does not open disk.img").doesNotContain("Exception");
        assertThat(lab.resolve("boot/kexec_key_devices.txt")).hasBinaryContent(devices);
        assertThat(lab.resolve("disk.img")).hasSameBinaryContentAs(diskBackup);
    }

    private static void assertRecoveryPassphraseOpensTheDisk() throws Exception {
        run("cryptsetup", "open", "--test-passphrase", "--key-file", lab.resolve("disk-recovery-passphrase").toString(),
                lab.resolve("disk.img").toString());
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static String runIn(Path input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(input.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
