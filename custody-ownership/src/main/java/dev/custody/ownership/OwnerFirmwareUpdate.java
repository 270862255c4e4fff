package dev.custody.ownership;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.firmware.FirmwareImage;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.Machine;
import dev.custody.ownership.handoff.HandoffReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

        /** As {@code rom flash --machine DIR} tells it, with {@code machine} as the user named it in the hints. */
        public List<String> lines(Path machine) {
            List<String> lines = new ArrayList<>();
            reference.ifPresent(file -> lines.add("Updated the reference measurements in " + file + " to the new firmware."));
            lines.add("Wrote and verified the lab ROM. Previous contents saved in " + update.backup() + ".");
            update.carriedOver().forEach(name -> lines.add("Kept " + TerminalText.escape(name)));
            switch (update.reseal()) {
                case FirmwareUpdate.Reseal.Predicted predicted -> {
                    lines.add("Resealed the TOTP secret to the measurements the new image will produce (PCRs "
                            + predicted.pcrs().keySet() + "):");
                    lines.add("after power-on your phone's codes stay valid, no re-enrolment needed.");
                }
                case FirmwareUpdate.Reseal.NotSealed notSealed -> lines.add("No TOTP secret is sealed on this machine.");
                case FirmwareUpdate.Reseal.Impossible impossible -> lines.add("Could not predict the new measurements ("
                        + impossible.reason() + "). After power-on, enrol a new TOTP with 'custody totp seal --machine "
                        + machine + "'.");
            }
            if (diskKeyNeedsReseal) {
                lines.add("The disk unlock key is sealed to the old firmware: after power-on it is refused until you run"
                        + " 'custody disk-key seal --machine " + machine + "' again. The recovery passphrase keeps working.");
            }
            return lines;
        }
    }

    public static Report flash(Machine machine, FirmwareImage image, boolean keepSettings, Path backup, Secret ownerAuth) {
        FirmwareUpdate.Report update = FirmwareUpdate.flash(machine, image, keepSettings, backup, ownerAuth);
        Optional<Path> reference = HandoffReference.refresh(machine, ownerAuth);
        return new Report(update, reference, DiskUnlock.isSetUp(machine));
    }
}
