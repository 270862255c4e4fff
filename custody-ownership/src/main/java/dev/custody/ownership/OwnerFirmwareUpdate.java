package dev.custody.ownership;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.Machine;
import dev.custody.ownership.handoff.HandoffReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The owner flashes firmware of their choice into a machine whose firmware is a file (a lab's
 * rom.bin): the update with its predictive TOTP reseal, then the reference a hand-off vouches for
 * follows the new firmware. The disk key stays sealed to the old firmware.
 */
public final class OwnerFirmwareUpdate {
    private OwnerFirmwareUpdate() {}

    /** {@code reference}: the refreshed reference measurements, when the reset had recorded them. */
    public record Report(FirmwareUpdate.Report update, Optional<Path> reference, boolean diskKeyNeedsReseal) {
        /** As {@code rom flash --machine DIR --json} shows it. */
        public Map<String, Object> toJson(Path machine) {
            return object("machine", machine.toString(), "verified", true,
                    "backup", update.backup().toString(), "carriedOver", update.carriedOver(),
                    "reseal", switch (update.reseal()) {
                        case FirmwareUpdate.Reseal.Predicted predicted -> "predicted";
                        case FirmwareUpdate.Reseal.NotSealed notSealed -> "not-sealed";
                        case FirmwareUpdate.Reseal.Impossible impossible -> "impossible: " + impossible.reason();
                    },
                    "diskKeyNeedsReseal", diskKeyNeedsReseal, "referenceUpdated", reference.map(Path::toString).orElse(null));
        }
    }

    public static Report flash(Machine machine, FirmwareImage image, boolean keepSettings, Path backup, Secret ownerAuth) {
        FirmwareUpdate.Report update = FirmwareUpdate.flash(machine, image, keepSettings, backup, ownerAuth);
        Optional<Path> reference = HandoffReference.refresh(machine, ownerAuth);
        return new Report(update, reference, DiskUnlock.isSetUp(machine));
    }
}
