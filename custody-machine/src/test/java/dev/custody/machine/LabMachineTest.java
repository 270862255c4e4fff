package dev.custody.machine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.disk.Cryptsetup;
import dev.custody.common.Secret;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.LabPower;
import dev.custody.machine.lab.Tamper;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab machine through the domain API alone, with its real swtpm: what the CLI tests show as
 * text, shown here as values, so that a break is found in the module that caused it.
 */
class LabMachineTest {
    private static final String UNLOCK_TEXT = "correct horse battery";
    private static final byte[] UNLOCK_PASSPHRASE = UNLOCK_TEXT.getBytes(US_ASCII);

    @TempDir
    Path work;

    private LabMachine lab;

    @AfterEach
    void stopTpm() {
        if (lab != null) {
            LabPower.stop(lab);
        }
    }

    @Test
    void createdMachineHasEveryPartAndItsRecoveryPassphraseIsPrivate() throws Exception {
        lab = LabCreator.create(work.resolve("m"));

        assertThat(LabMachine.existing(lab.directory())).isEqualTo(lab);
        assertThat(lab.firmwareImageFile()).contains(lab.rom());
        assertThat(lab.bootDirectory().resolve("grub2/grub.cfg")).isRegularFile();
        assertThat(lab.diskDevices()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lab.recoveryPassphrase())))
                .isEqualTo("rw-------");
        assertThat(lab.tpmFamily()).isEqualTo("2.0");
    }

    @Test
    void refusesFoldersThatAreNotLabMachinesAndNeverOverwritesOne() throws Exception {
        Path notALab = Files.createDirectories(work.resolve("photos"));
        Files.writeString(notALab.resolve("holiday.jpg"), "not a ROM");

        assertThatThrownBy(() -> LabMachine.existing(notALab)).hasMessageContaining("is not a lab machine (no rom.bin)");
        assertThatThrownBy(() -> LabCreator.create(notALab)).hasMessageContaining("already exists and is not empty");
        assertThat(notALab.resolve("holiday.jpg")).hasContent("not a ROM");
        assertThatThrownBy(() -> LabCreator.create(work.resolve("n"), "3.0")).hasMessageContaining("unknown TPM version '3.0'");
    }

    @Test
    void totpSecretSurvivesAPowerCycleAndIsRefusedAfterAChangedRomNamingPcr2() {
        lab = LabCreator.create(work.resolve("m"));
        LabPower.powerOn(lab);
        byte[] enrolled = enroll();

        LabPower.powerOn(lab);
        assertThat(unseal()).as("same firmware, same measurements").isEqualTo(enrolled);

        Tamper.ROM.apply(lab);
        LabPower.powerOn(lab);
        assertThatThrownBy(this::unseal).isInstanceOf(TpmException.class).hasMessageContaining("PCR 2");
    }

    @Test
    void recoveryStopsTheCodeUntilTheNextPowerOn() {
        lab = LabCreator.create(work.resolve("m"));
        LabPower.powerOn(lab);
        byte[] enrolled = enroll();

        Tamper.RECOVERY.apply(lab);
        assertThatThrownBy(this::unseal).isInstanceOf(TpmException.class).hasMessageContaining("PCR 4");

        LabPower.powerOn(lab);
        assertThat(unseal()).isEqualTo(enrolled);
    }

    @Test
    void aTotpSealedAfterThisBootsBootModeExtendStillShowsAtTheNextBoot() {
        lab = LabCreator.create(work.resolve("m"));
        LabPower.powerOn(lab);
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            DiskUnlock.markBootMode(tpm);
        }
        byte[] afterRelease = enroll();
        LabPower.powerOn(lab);
        assertThat(unseal()).as("sealed after the boot step extended PCR 4 with \"generic\"").isEqualTo(afterRelease);

        Tamper.RECOVERY.apply(lab);
        byte[] inRecovery = enroll();
        LabPower.powerOn(lab);
        assertThat(unseal()).as("sealed from the recovery shell").isEqualTo(inRecovery);
    }

    @Test
    void aMachineThatWasNeverSwitchedOnSaysSoInsteadOfBlamingAPcr() {
        lab = LabCreator.create(work.resolve("m"));
        LabPower.powerOn(lab);
        enroll();
        LabPower.stop(lab);

        try (Tpm tpm = Tpms.open(lab.tpm())) {
            tpm.powerControl().orElseThrow().powerCycle();
        }
        assertThatThrownBy(this::unseal).hasMessageContaining(lab.nothingMeasuredReason());
    }

    @Test
    void diskKeyOpensTheDiskWithItsPassphraseAndGivesEachRefusalItsReason() throws Exception {
        lab = LabCreator.create(work.resolve("m"));
        LabPower.powerOn(lab);
        try (Tpm tpm = Tpms.open(lab.tpm());
             Secret recovery = Secret.readFile(lab.recoveryPassphrase());
             Secret unlock = Secret.copyOf(UNLOCK_PASSPHRASE)) {
            DiskUnlock.setUp(lab, tpm, recovery, unlock, Secret.empty(), Optional.empty());
        }

        LabPower.powerOn(lab);
        assertThat(refusal("not the passphrase")).isEqualTo(DiskKeyRefusedException.Reason.WRONG_PASSPHRASE);
        LabPower.powerOn(lab);
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret passphrase = Secret.copyOf(UNLOCK_PASSPHRASE);
             DiskUnlock.Unlocked unlocked = DiskUnlock.unlock(lab, tpm, passphrase)) {
            assertThat(unlocked.key().length()).isEqualTo(DiskUnlock.KEY_LENGTH);
            assertThat(Cryptsetup.testKey(lab.disk(), unlocked.key())).as("the key opens disk.img").isTrue();
        }
        assertThat(refusal(UNLOCK_TEXT))
                .as("released once per boot: PCR 4 moved on").isEqualTo(DiskKeyRefusedException.Reason.ALREADY_USED);

        Tamper.ROM.apply(lab);
        LabPower.powerOn(lab);
        assertThat(refusal(UNLOCK_TEXT))
                .isEqualTo(DiskKeyRefusedException.Reason.MEASUREMENTS_CHANGED);
    }

    private DiskKeyRefusedException.Reason refusal(String passphrase) {
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret given = Secret.copyOf(passphrase.getBytes(US_ASCII))) {
            DiskUnlock.unlock(lab, tpm, given).close();
            throw new AssertionError("the disk key was released");
        } catch (DiskKeyRefusedException refused) {
            return refused.reason();
        }
    }

    private byte[] enroll() {
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret secret = new MachineOtp(lab, tpm).enroll(lab.defaultOtpPcrs())) {
            return secret.bytes().clone();
        }
    }

    private byte[] unseal() {
        try (Tpm tpm = Tpms.open(lab.tpm()); Secret secret = new MachineOtp(lab, tpm).unseal(List.of())) {
            return secret.bytes().clone();
        }
    }
}
