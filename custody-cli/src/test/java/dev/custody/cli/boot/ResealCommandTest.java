package dev.custody.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.common.Secret;
import dev.custody.eventlog.BootApplicationUpdate;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.pe.QemuKernelImage;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.LabPower;
import dev.custody.machine.qemu.QemuDescriptor;
import dev.custody.machine.qemu.QemuFirmware;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictive reseal on a UEFI boot: a lab machine whose TPM is given the measurements of a real
 * OVMF boot (custody-eventlog's test resource), then a kernel update, then the "reboot" into it.
 */
class ResealCommandTest {
    private static final Path OVMF_LOG = Path.of("../custody-eventlog/src/test/resources/ovmf/ovmf-direct-kernel.bin");
    private static final Path KERNEL = Path.of("/boot/vmlinuz-6.1.0-57-amd64");

    @TempDir
    Path work;

    private LabMachine lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            LabPower.stop(lab);
        }
    }

    @Test
    void theSameSecretsOpenAfterBootingThePredictedKernel() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(KERNEL), KERNEL + " is not installed");
        lab = LabCreator.create(work.resolve("lab"));
        LabPower.powerOn(lab);
        byte[] current = Files.readAllBytes(OVMF_LOG);
        boot(current);
        Path passphrase = Files.writeString(work.resolve("unlock"), "unlock passphrase");
        String machine = lab.directory().toString();
        assertThat(CliRun.of("totp", "seal", "--machine", machine, "--qr-png", work.resolve("qr.png").toString()).exitCode()).isZero();
        assertThat(CliRun.of("disk-key", "seal", "--machine", machine, "--passphrase-file", passphrase.toString()).exitCode()).isZero();
        byte[] secretBefore = totpSecret();

        byte[] next = QemuKernelImage.patched(Files.readAllBytes(KERNEL), 1_031_287, 512L << 20);
        next[next.length - 5000] ^= 0x5a;
        Path nextFile = Files.write(work.resolve("vmlinuz-next"), next);
        CliRun reseal = CliRun.of("boot", "reseal", "--kernel", nextFile.toString(), "--machine", machine,
                "--disk-passphrase-file", passphrase.toString());
        assertThat(reseal.exitCode()).as(reseal.out() + reseal.err()).isZero();
        assertThat(reseal.out()).contains("replacing event 11 (PCR 4, EV_EFI_BOOT_SERVICES_APPLICATION)")
                .contains("TOTP secret: resealed to PCRs [0, 1, 2, 3, 4, 7]").contains("Disk key: resealed to PCRs [0, 1, 2, 3, 4, 5, 6, 7]");
        CliRun again = CliRun.of("boot", "reseal", "--kernel", nextFile.toString(), "--machine", machine, "--json",
                "--disk-passphrase-file", passphrase.toString());
        assertThat(again.out()).contains("\"already-resealed\"").doesNotContain("\"resealed\"");

        var predicted = (BootApplicationUpdate.Prediction.Predicted) BootApplicationUpdate.predict(current, next,
                new BootApplicationUpdate.Target.OnlyOne());
        boot(predicted.log());
        assertThat(totpSecret()).isEqualTo(secretBefore);
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret unlock = Secret.readFile(passphrase);
             DiskUnlock.Unlocked unlocked = DiskUnlock.unlock(lab, tpm, unlock)) {
            assertThat(unlocked.key().length()).isEqualTo(DiskUnlock.KEY_LENGTH);
        }
    }

    @Test
    void aBootWhoseTpmMovedOnSaysResealAfterTheReboot() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(KERNEL), KERNEL + " is not installed");
        lab = LabCreator.create(work.resolve("lab"));
        LabPower.powerOn(lab);
        boot(Files.readAllBytes(OVMF_LOG));
        String machine = lab.directory().toString();
        assertThat(CliRun.of("totp", "seal", "--machine", machine, "--qr-png", work.resolve("qr.png").toString()).exitCode()).isZero();
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            tpm.extend(4, Map.of(PcrBank.SHA256, PcrBank.SHA256.hash("generic".getBytes(StandardCharsets.US_ASCII))));
        }
        byte[] next = QemuKernelImage.patched(Files.readAllBytes(KERNEL), 1_000_000, 512L << 20);
        CliRun reseal = CliRun.of("boot", "reseal", "--kernel", Files.write(work.resolve("k"), next).toString(), "--machine", machine);
        assertThat(reseal.exitCode()).isEqualTo(KernelUpdateView.RESEAL_AFTER_REBOOT);
        assertThat(reseal.out()).contains("TOTP secret: not resealed: the TPM does not release the current secret in this boot")
                .contains("Reseal after the reboot: custody totp seal --machine");
    }

    /** QEMU patches the kernel it loads: only 'lab install-kernel' predicts what OVMF measures. */
    @Test
    void aQemuMachineIsSentToLabInstallKernel() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(KERNEL), KERNEL + " is not installed");
        Path machine = Files.createDirectories(work.resolve("qemu"));
        new QemuDescriptor(QemuFirmware.OVMF, "2.0", false).write(machine.resolve(QemuDescriptor.FILE));
        CliRun reseal = CliRun.of("boot", "reseal", "--kernel", KERNEL.toString(), "--machine", machine.toString());
        assertThat(reseal.exitCode()).isEqualTo(1);
        assertThat(reseal.err().strip()).doesNotContain("\n").startsWith("custody: on the QEMU machine " + machine)
                .contains("custody lab install-kernel " + machine + " --kernel FILE");
        assertThat(machine.resolve("tpm")).doesNotExist();
    }

    /** As the firmware would: reset the TPM, extend every logged SHA-256 digest, leave the log. */
    private void boot(byte[] log) throws Exception {
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            tpm.powerControl().orElseThrow().powerCycle();
            EventLogs.parse(log).events().stream().filter(e -> e.extendsPcr())
                    .forEach(e -> tpm.extend(e.pcr(), Map.of(PcrBank.SHA256, e.digest(HashAlgorithm.SHA256).orElseThrow().toArray())));
        }
        Files.write(lab.eventLog(), log);
    }

    private byte[] totpSecret() {
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret secret = new MachineOtp(lab, tpm).unseal()) {
            return secret.bytes().clone();
        }
    }
}
