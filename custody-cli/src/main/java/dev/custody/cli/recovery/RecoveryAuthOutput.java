package dev.custody.cli.recovery;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.Secret;
import dev.custody.machine.recovery.RecoveryAuth;
import dev.custody.machine.recovery.RecoveryAuthSetup;

/** What set and off do and print: the mode now in the firmware, the backup, and what became of the TOTP. */
final class RecoveryAuthOutput {
    private RecoveryAuthOutput() {}

    /** Writes {@code auth} into the machine's firmware, resealing the TOTP with the owner passphrase, and prints what became of it. */
    static int apply(RecoveryAuth auth, MachineOptions machine, PassphraseOptions.Owner ownerPassphrase, JsonOutput json) {
        try (Secret ownerAuth = ownerPassphrase.read()) {
            RecoveryAuthSetup.Report report = RecoveryAuthSetup.apply(machine.resolve(), auth, ownerAuth);
            json.print(report.toJson(), report.text());
        }
        return 0;
    }
}
