package dev.custody.ownership.handoff;

import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What a hand-off vouches for: the machine as measured now, unchanged since its reset, using the secrets shipped. */
public final class HandoffReference {
    private HandoffReference() {}

    /**
     * As measured now; if the reset recorded a reference, the machine must not have changed since,
     * and the secrets to ship must be the ones the machine uses now. The firmware image is read once
     * the TPM is open.
     */
    public static ReferenceMeasurements measure(Machine machine, Supplier<Optional<FirmwareImage>> firmware, OwnershipFiles files,
                                                OwnerSecrets secrets) {
        Secret endorsementAuth = secrets.get(OwnerSecrets.TPM_OWNER_PASSPHRASE).orElse(Secret.empty());
        ReferenceMeasurements now;
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            FirmwareImage image = firmware.get().orElseThrow(() -> new IllegalArgumentException("the hand-off needs this "
                    + "computer's firmware image: read it with 'flashrom -p internal -r FILE' and give --rom FILE"));
            ShippedSecrets.check(machine, tpm, secrets);
            now = ReferenceMeasurements.of(machine, image, tpm, endorsementAuth);
        }
        if (Files.exists(files.reference())) {
            List<String> changed = ReferenceMeasurements.load(files.reference()).differences(now);
            if (!changed.isEmpty()) {
                throw new IllegalStateException("the machine changed since its reset (" + String.join("; ", changed)
                        + "); refusing to vouch for it");
            }
        }
        return now;
    }

    /**
     * After the owner flashed firmware of their choice: the reference the reset recorded follows it,
     * so a later hand-off vouches for the new firmware. Empty when no reference was recorded.
     */
    public static Optional<Path> refresh(Machine machine, Secret ownerAuth) {
        Path reference = OwnershipFiles.of(machine).reference();
        if (!Files.exists(reference)) {
            return Optional.empty();
        }
        try (Tpm tpm = Tpms.open(machine.tpm())) {
            ReferenceMeasurements.of(machine, tpm, ownerAuth).save(reference);
        }
        return Optional.of(reference);
    }

    /** The owner secrets to split, as the reset saved them. */
    public static OwnerSecrets readSecrets(Path file) {
        try {
            return OwnerSecrets.fromJson(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no owner secrets at " + file + "; give them with --secrets FILE");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
