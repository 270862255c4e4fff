package dev.custody.cli.recovery;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.Secret;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.recovery.RecoveryAuth;
import dev.custody.machine.recovery.RecoveryAuthSetup;

/** What set and off print: the mode now in the firmware, the backup, and what became of the TOTP. */
final class RecoveryAuthOutput {
    private RecoveryAuthOutput() {}

    /** Writes {@code auth} into the machine's firmware, resealing the TOTP with the owner passphrase, and prints what became of it. */
    static int apply(RecoveryAuth auth, MachineOptions machine, PassphraseOptions.Owner ownerPassphrase, JsonOutput json) {
        try (Secret ownerAuth = ownerPassphrase.read()) {
            print(json, RecoveryAuthSetup.apply(machine.resolve(), auth, ownerAuth));
        }
        return 0;
    }

    private static void print(JsonOutput json, RecoveryAuthSetup.Report report) {
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
