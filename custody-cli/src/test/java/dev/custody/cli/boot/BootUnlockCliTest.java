package dev.custody.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.lab.LabPowerOnCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initramfs's {@code boot unlock} in host mode, as on a real machine, on a lab machine's
 * swtpm (the lab only measures the boot into it) with the TOTP and the disk key sealed the way an
 * owner seals them on this computer: --tpm, --state-dir, --boot, the LUKS2 image as --device.
 * The container has no device-mapper, so the disk is opened with --check-only.
 */
class BootUnlockCliTest {
    @TempDir
    static Path work;

    private static Path lab;
    private static Path state;
    private static Path boot;
    private static Path passphrase;
    private static Path romBackup;

    @BeforeAll
    static void sealTotpAndDiskKeyInHostMode() throws Exception {
        lab = work.resolve("lab");
        state = Files.createDirectories(work.resolve("state"));
        boot = Files.createDirectories(work.resolve("boot"));
        passphrase = Files.writeString(work.resolve("disk-passphrase"), "disk unlock passphrase\n");
        assertThat(CliRun.of("lab", "create", lab.toString()).exitCode()).isZero();
        powerOn();
        CliRun totp = CliRun.of(host("totp", "seal"));
        assertThat(totp.exitCode()).as(totp.err()).isZero();
        CliRun disk = CliRun.of(host("disk-key", "seal", "--device", lab.resolve("disk.img").toString(),
                "--passphrase-file", passphrase.toString(), "--recovery-passphrase-file",
                lab.resolve("disk-recovery-passphrase").toString()));
        assertThat(disk.exitCode()).as(disk.out() + disk.err()).isZero();
        romBackup = Files.copy(lab.resolve("rom.bin"), work.resolve("rom.bin.sealed"));
    }

    @AfterAll
    static void stopLab() {
        CliRun.of("lab", "stop", lab.toString());
    }

    @BeforeEach
    void powerCycleTheSealedMachine() throws java.io.IOException {
        Files.copy(romBackup, lab.resolve("rom.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        powerOn();
    }

    @Test
    void showsTheCodeOpensTheDiskWithTheTpmKeyAndLeavesNothingToUnsealLater() {
        CliRun code = CliRun.of(host("totp", "--json"));
        assertThat(code.exitCode()).as(code.err()).isZero();

        CliRun unlock = unlock("--passphrase-file", passphrase.toString());

        assertThat(unlock.exitCode()).as(unlock.out() + unlock.err()).isZero();
        List<String> lines = machineLines(unlock.out());
        assertThat(lines.getFirst()).matches("CUSTODY-TOTP: \\d{6}");
        assertThat(code.out()).contains(lines.getFirst().substring("CUSTODY-TOTP: ".length()));
        assertThat(lines.subList(1, lines.size())).containsExactly("CUSTODY-DISK: opened tpm", "CUSTODY-DONE");

        CliRun later = CliRun.of(host("totp"));
        assertThat(later.exitCode()).isNotZero();
        assertThat(later.err() + later.out()).contains("PCR 4");
        CliRun again = unlock("--passphrase-file", passphrase.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(machineLines(again.out())).contains("CUSTODY-DISK: refused the disk key was already released (or refused) "
                + "in this boot: PCR 4 holds \"generic\" until the machine is powered off and on; nobody can type the "
                + "recovery passphrase");
    }

    @Test
    void aChangedFirmwareStopsTheCodeAndTheKeyNamingThePcrAndPowersOffInsteadOfWaiting() {
        assertThat(CliRun.of("lab", "tamper", lab.toString(), "--what", "rom").exitCode()).isZero();
        powerOn();

        CliRun unlock = unlock("--passphrase-file", passphrase.toString());

        assertThat(unlock.exitCode()).isEqualTo(1);
        List<String> lines = machineLines(unlock.out());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("CUSTODY-TOTP: none ").containsPattern("PCR \\d");
        assertThat(lines.get(1)).startsWith("CUSTODY-DISK: refused the TPM refuses the disk key: ").containsPattern("PCR \\d")
                .endsWith("nobody can type the recovery passphrase");
        assertThat(lines.get(2)).isEqualTo("CUSTODY-DONE");
        assertThat(unlock.out()).contains("The TPM does not open the disk: the TPM refuses the disk key");
    }

    @Test
    void withoutThePassphraseAndWithoutAConsoleItRefusesAtOnce() {
        CliRun unlock = unlock();

        assertThat(unlock.exitCode()).isEqualTo(1);
        assertThat(machineLines(unlock.out())).contains("CUSTODY-DISK: refused no disk unlock passphrase: QEMU passed none "
                + "(fw_cfg opt/custody/passphrase) and nobody can be asked; nobody can type the recovery passphrase");
        CliRun later = CliRun.of(host("totp"));
        assertThat(later.err() + later.out()).as("PCR 4 is extended even when the key was never asked for").contains("PCR 4");
    }

    /** Measures a boot into the lab's TPM; its /boot is not signed, so the lab's own flow stops there (exit 4). */
    private static void powerOn() {
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isEqualTo(LabPowerOnCommand.BOOT_REFUSED);
    }

    private static CliRun unlock(String... options) {
        List<String> command = new java.util.ArrayList<>(List.of(host("boot", "unlock", "--check-only", "--no-prompt")));
        command.addAll(List.of(options));
        return CliRun.of(command.toArray(String[]::new));
    }

    private static String[] host(String... command) {
        List<String> all = new java.util.ArrayList<>(List.of(command));
        all.addAll(List.of("--tpm", "vtpm:" + lab.resolve("tpm"), "--state-dir", state.toString(), "--boot", boot.toString()));
        return all.toArray(String[]::new);
    }

    private static List<String> machineLines(String out) {
        return out.lines().filter(l -> l.startsWith("CUSTODY-")).toList();
    }
}
