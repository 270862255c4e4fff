package dev.custody.cli.recovery;

import dev.custody.cli.JsonOutput;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.recovery.RecoveryAuthSetup;

/** What set and off print: the mode now in the firmware, the backup, and what became of the TOTP. */
final class RecoveryAuthOutput {
    private RecoveryAuthOutput() {}

    static void print(JsonOutput json, RecoveryAuthSetup.Report report) {
        FirmwareUpdate.Report flash = report.flash();
        String totp = switch (flash.reseal()) {
            case FirmwareUpdate.Reseal.Predicted p -> "resealed to the predicted measurements of the next power-on";
            case FirmwareUpdate.Reseal.NotSealed n -> "not sealed on this machine";
            case FirmwareUpdate.Reseal.Impossible i -> "NOT resealed (" + i.reason() + "): enrol it again after the power-on";
        };
        json.print(JsonOutput.object("recoveryAuth", report.auth().mode(), "backup", flash.backup().toString(),
                "totpResealed", flash.reseal() instanceof FirmwareUpdate.Reseal.Predicted, "totp", totp),
                "Recovery authentication: " + report.auth().mode() + " (in the firmware's config.user, measured into PCR 7).\n"
                        + "Firmware written and verified by reading back; previous image in " + flash.backup() + ".\n"
                        + "TOTP: " + totp + ".");
    }
}
