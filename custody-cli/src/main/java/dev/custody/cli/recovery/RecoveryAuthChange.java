package dev.custody.cli.recovery;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.Secret;
import dev.custody.machine.recovery.RecoveryAuth;
import dev.custody.machine.recovery.RecoveryAuthSetup;
import picocli.CommandLine.Mixin;

/** What set and off share: the machine, the owner passphrase the TOTP's reseal needs, and the report. */
final class RecoveryAuthChange {
    @Mixin MachineOptions machineOptions;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput json;

    /** Writes {@code auth} into the machine's firmware, resealing the TOTP with the owner passphrase, and prints what became of it. */
    int apply(RecoveryAuth auth) {
        try (Secret ownerAuth = ownerPassphrase.read()) {
            RecoveryAuthSetup.Report report = RecoveryAuthSetup.apply(machineOptions.resolve(), auth, ownerAuth);
            json.print(report.toJson(), report.text());
        }
        return 0;
    }
}
