package dev.custody.ownership.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.lab.Tamper;
import dev.custody.ownership.OwnerFirmwareUpdate;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.reference.ReferenceMeasurements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-off vouches only for the machine as its reset left it, with the secrets it uses. */
class HandoffReferenceTest {
    @TempDir
    Path work;

    private LabHandoff machine;

    @AfterEach
    void stop() {
        if (machine != null) {
            machine.stop();
        }
    }

    @Test
    void anUnchangedMachineIsMeasuredAsItsResetRecordedIt() {
        machine = LabHandoff.prepare(work.resolve("lab"));
        OwnershipFiles files = OwnershipFiles.of(machine.lab());

        try (OwnerSecrets secrets = labSecrets(files)) {
            ReferenceMeasurements now = HandoffReference.measure(machine.lab(), this::rom, files, secrets);

            assertThat(ReferenceMeasurements.load(files.reference()).differences(now)).isEmpty();
        }
    }

    @Test
    void aMachineChangedSinceItsResetIsNotVouchedFor() {
        machine = LabHandoff.prepare(work.resolve("lab"));
        OwnershipFiles files = OwnershipFiles.of(machine.lab());
        Tamper.ROM.apply(machine.lab()); // not powered on since: the TPM still holds the TOTP, the image differs

        try (OwnerSecrets secrets = labSecrets(files)) {
            assertThatThrownBy(() -> HandoffReference.measure(machine.lab(), this::rom, files, secrets))
                    .hasMessageContaining("the machine changed since its reset")
                    .hasMessageContaining("refusing to vouch for it");
        }
    }

    @Test
    void firmwareTheOwnerFlashedIsVouchedForOnceTheReferenceFollowsIt() {
        machine = LabHandoff.prepare(work.resolve("lab"));
        OwnershipFiles files = OwnershipFiles.of(machine.lab());
        Tamper.ROM.apply(machine.lab());

        try (OwnerSecrets secrets = labSecrets(files); Secret none = Secret.empty()) {
            assertThat(HandoffReference.refresh(machine.lab(), none)).contains(files.reference());
            ReferenceMeasurements now = HandoffReference.measure(machine.lab(), this::rom, files, secrets);

            assertThat(ReferenceMeasurements.load(files.reference()).differences(now)).isEmpty();
        }
    }

    @Test
    void theOwnersFirmwareUpdateReportsTheReferenceThatFollowedIt() throws IOException {
        machine = LabHandoff.prepare(work.resolve("lab"));
        Path backup = work.resolve("rom.bin.backup");
        OwnerFirmwareUpdate.Report report;
        try (Secret ownerAuth = Secret.empty()) {
            report = OwnerFirmwareUpdate.flash(machine.lab(), FirmwareImage.read(machine.lab().rom()), true, backup, ownerAuth);
        }

        assertThat(report.update().reseal()).isInstanceOf(FirmwareUpdate.Reseal.Predicted.class);
        assertThat(report.reference()).contains(OwnershipFiles.of(machine.lab()).reference());
        assertThat(report.diskKeyNeedsReseal()).isFalse();
        Map<String, Object> json = report.toJson(machine.lab().directory());
        assertThat(json.keySet()).containsExactly("machine", "verified", "backup", "carriedOver", "reseal",
                "diskKeyNeedsReseal", "referenceUpdated");
        assertThat(json).containsEntry("backup", backup.toString()).containsEntry("reseal", "predicted")
                .containsEntry("referenceUpdated", OwnershipFiles.of(machine.lab()).reference().toString());
    }

    @Test
    void withoutARecordedReferenceThereIsNothingToRefresh() throws IOException {
        machine = LabHandoff.prepare(work.resolve("lab"));
        java.nio.file.Files.delete(OwnershipFiles.of(machine.lab()).reference());

        try (Secret none = Secret.empty()) {
            assertThat(HandoffReference.refresh(machine.lab(), none)).isEmpty();
        }
    }

    @Test
    void missingSecretsNameTheFileAndTheOption() {
        Path missing = work.resolve("secrets.json");

        assertThatThrownBy(() -> HandoffReference.readSecrets(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no owner secrets at " + missing + "; give them with --secrets FILE");
    }

    /** The fixture's secrets, with the lab TPM's owner passphrase (none), which the hand-off checks. */
    private static OwnerSecrets labSecrets(OwnershipFiles files) {
        try (Secret none = Secret.empty()) {
            return HandoffReference.readSecrets(files.secrets()).with(OwnerSecrets.TPM_OWNER_PASSPHRASE, none);
        }
    }

    private Optional<FirmwareImage> rom() {
        try {
            return Optional.of(FirmwareImage.read(machine.lab().rom()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
