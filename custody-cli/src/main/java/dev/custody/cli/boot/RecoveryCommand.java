package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.common.Secret;
import dev.custody.machine.recovery.Challenge;
import dev.custody.machine.recovery.RecoveryGate;
import dev.custody.machine.recovery.RecoveryGate.Proof;
import dev.custody.machine.recovery.SignedResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Enter the recovery shell: extends PCR 4 with \"recovery\", as Heads does, so the TOTP stops",
            "verifying until the next clean boot. Refused in restricted mode.",
            "When the firmware's config.user sets CONFIG_CUSTODY_RECOVERY_AUTH (custody recovery-auth set), the",
            "recovery passphrase (--passphrase-file) or a signature by the owner's key over a fresh challenge",
            "(--challenge, then --signature-file) is asked first. A wrong one is counted in the TPM and answered",
            "after a delay that doubles with each failure in a row (1 s, 2 s, 4 s, ... at most 60 s)."})
public final class RecoveryCommand implements Callable<Integer> {
    @Mixin MachineOptions machineOptions;

    @Mixin PolicyOption policyOption;

    @ArgGroup(exclusive = true) Proofs proofs = new Proofs();

    static final class Proofs {
        @Option(names = "--passphrase-file", paramLabel = "F", description = "The recovery passphrase (passphrase mode).") Path passphrase;

        @Option(names = "--challenge", description = "Print a fresh challenge (text and QR) for the owner to sign (gpg mode).") boolean challenge;

        @Option(names = "--signature-file", paramLabel = "F",
                description = "gpg --clearsign or --detach-sign output over the last challenge (gpg mode).")
        Path signature;
    }

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        RecoveryGate gate = RecoveryGate.of(machineOptions.resolve(), policyOption.file());
        if (proofs.challenge) {
            Challenge challenge = gate.challenge();
            json.print(challenge.toJson(), challenge.instructions());
            return 0;
        }
        try (Secret passphrase = proofs.passphrase == null ? Secret.empty() : read(proofs.passphrase)) {
            Proof proof = proofs.passphrase != null ? new Proof.Passphrase(passphrase)
                    : proofs.signature != null ? new Proof.Signature(SignedResponse.readFile(proofs.signature)) : new Proof.Nothing();
            RecoveryGate.Entered entered = gate.enter(new RecoveryGate.Request.Recovery(), proof);
            json.print(JsonOutput.object("entered", true, "pcr4", entered.mode().pcr4Event(), "authentication", entered.proof()),
                    "Recovery entered (authentication: " + entered.proof() + "). PCR 4 extended with \"recovery\": the TOTP"
                            + " will not verify until the next clean boot.");
        }
        return 0;
    }

    private static Secret read(Path file) {
        try {
            return Secret.readFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the passphrase file " + file, e);
        }
    }
}
