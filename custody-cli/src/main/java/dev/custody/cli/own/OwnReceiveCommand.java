package dev.custody.cli.own;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.cli.MachineOptions;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.handoff.Bundle;
import dev.custody.ownership.handoff.Receipt;
import dev.custody.ownership.handoff.TrustAnchor;
import dev.custody.ownership.reset.OwnershipReset;
import dev.custody.ownership.reset.Rotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "receive", mixinStandardHelpOptions = true,
        description = {"Check a machine you received against its hand-off bundle, then take it over.",
            "In order: the manifest's signature, by the provisioner key you trust (--fingerprint or",
            "--provisioner-key, obtained apart from the bundle; without them, the key the shares name, since the",
            "shares travel apart from the bundle); the shares; the TPM's endorsement key; the",
            "firmware (hash, blobs, predicted PCRs); /boot; the PCRs now; the TOTP secret the TPM unseals against",
            "the shipped one; the seals against the shipped photos. Only when every check passed is every secret",
            "rotated (TPM owner, keys, PINs, TOTP, disk key), so the provisioner keeps nothing.",
            "Exit 0: verified (and rotated); 3: REJECTED, a check failed; 4: INCOMPLETE, something was not",
            "checked, nothing rotated; 1: unreadable input."})
public final class OwnReceiveCommand implements Callable<Integer> {
    public static final int REJECTED = 3;
    public static final int INCOMPLETE = 4;

    @Parameters(paramLabel = "DIR", description = "The hand-off bundle folder.") Path bundle;

    @Mixin MachineOptions machineOptions;

    static final class Anchor {
        @Option(names = "--fingerprint", paramLabel = "FPR",
                description = "The provisioner's key fingerprint, as they told you apart from the bundle (40 hex digits).")
        String fingerprint;

        @Option(names = "--provisioner-key", paramLabel = "FILE",
                description = "The provisioner's public key, obtained apart from the bundle.")
        Path keyFile;

        TrustAnchor resolve() {
            return fingerprint != null ? new TrustAnchor.Fingerprint(fingerprint) : new TrustAnchor.KeyFile(keyFile);
        }
    }

    @ArgGroup(exclusive = true) Anchor anchor;

    @Option(names = "--shares", split = ",", paramLabel = "FILE", description = "K share files (share-N.txt or typed).")
    List<Path> shares = new ArrayList<>();

    @Option(names = "--check-only", description = "Verify everything, rotate nothing.") boolean checkOnly;

    @Option(names = "--seal-photo", paramLabel = "NAME=FILE",
            description = "Your new photo of the seal whose shipped photo is NAME (see seals/ in the bundle); repeatable.")
    Map<String, Path> sealPhotos = new LinkedHashMap<>();

    @Option(names = "--skip-seals", description = "Go on although the seals were not compared (the report says so).") boolean skipSeals;

    @Mixin FirmwareSource firmware;

    @Option(names = "--uid", paramLabel = "TEXT", defaultValue = "Owner",
            description = "The user id of your new OpenPGP key (default: ${DEFAULT-VALUE}).")
    String uid;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        Bundle opened = Bundle.open(bundle);
        Receipt.Inputs inputs = new Receipt.Inputs(Optional.ofNullable(anchor).map(Anchor::resolve), shares, sealPhotos, skipSeals, firmware.image(machine));
        try (Receipt.Report report = Receipt.check(opened, machine, inputs)) {
            Receipt.Verdict verdict = report.verdict();
            if (verdict != Receipt.Verdict.VERIFIED || checkOnly) {
                System.out.println(json.requested() ? Json.write(report.toJson(bundle, Optional.empty())) : report.text(checkOnly));
                return exitCode(verdict);
            }
            if (!json.requested()) {
                System.out.println(report.text(checkOnly));
                System.out.println("\nTaking ownership: every secret the provisioner knew is replaced.");
            }
            try (OwnerSecrets next = Rotation.rotate(machine, report.secrets().orElseThrow(), uid,
                    json.requested() ? OwnershipReset.Progress.SILENT : OwnershipReset.Progress.printing(System.out))) {
                System.out.println(json.requested() ? Json.write(report.toJson(bundle, Optional.of(next))) : next.shownOnce(machine.label()));
            }
            return 0;
        }
    }

    private static int exitCode(Receipt.Verdict verdict) {
        return switch (verdict) {
            case VERIFIED -> 0;
            case INCOMPLETE -> INCOMPLETE;
            case REJECTED -> REJECTED;
        };
    }
}
