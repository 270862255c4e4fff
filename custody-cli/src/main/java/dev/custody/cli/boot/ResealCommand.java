package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.InputFiles;
import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.BootApplicationUpdate.Target;
import dev.custody.eventlog.PcrValues;
import dev.custody.eventlog.pe.MalformedImageException;
import dev.custody.eventlog.pe.PeImage;
import dev.custody.machine.KernelUpdate;
import dev.custody.machine.KernelUpdate.Prediction;
import dev.custody.machine.KernelUpdate.Reseal;
import dev.custody.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reseal", mixinStandardHelpOptions = true,
        description = {"Before booting a new kernel, predict the PCRs the firmware will produce for it and reseal the TOTP",
            "secret and the disk key to them, keeping both secrets. Exit code 3 when that is impossible (the reason is",
            "printed): then reseal after the reboot."})
final class ResealCommand implements Callable<Integer> {
    /** Not a failure of the command: the owner reseals after the reboot, as Heads always does. */
    static final int RESEAL_AFTER_REBOOT = 3;

    @Option(names = "--kernel", required = true, paramLabel = "FILE", description = "The new kernel (an EFI image) the next boot loads.")
    Path kernel;

    @Option(names = "--replaces", paramLabel = "FILE",
            description = "The image it replaces, when the log has several boot applications (e.g. the running kernel).")
    Path replaces;

    @Option(names = "--disk-passphrase-file", paramLabel = "F", description = "The disk unlock passphrase, to reseal the disk key too.")
    Path diskPassphrase;

    @Mixin
    MachineOptions machineOptions;

    @Mixin
    PassphraseOptions.Owner ownerPassphrase;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        Machine machine = machineOptions.resolve();
        byte[] image = InputFiles.readAllBytes(kernel);
        try {
            PeImage.parse(image);
        } catch (MalformedImageException e) {
            throw new IllegalArgumentException(kernel + " is not an EFI image: " + e.getMessage());
        }
        Target target = replaces == null ? new Target.OnlyOne() : new Target.Image(replaces.toString(), InputFiles.readAllBytes(replaces));
        Prediction prediction = KernelUpdate.predict(machine, image, target);
        Optional<KernelUpdate.Report> report = Optional.empty();
        if (prediction instanceof Prediction.Predicted predicted) {
            try (Secret owner = ownerPassphrase.read();
                 Secret disk = diskPassphrase == null ? Secret.empty() : Secret.readFile(diskPassphrase)) {
                report = Optional.of(KernelUpdate.reseal(machine, predicted, owner,
                        diskPassphrase == null ? Optional.empty() : Optional.of(disk)));
            }
        }
        boolean afterReboot = prediction instanceof Prediction.Impossible || report.map(r -> later(r.totp()) || later(r.diskKey())).orElse(false);
        json.print(json(prediction, report, afterReboot), text(machine, prediction, report, afterReboot));
        return afterReboot ? RESEAL_AFTER_REBOOT : 0;
    }

    private static boolean later(Reseal reseal) {
        return reseal instanceof Reseal.Impossible;
    }

    private Map<String, Object> json(Prediction prediction, Optional<KernelUpdate.Report> report, boolean afterReboot) {
        return JsonOutput.object("kernel", kernel.toString(),
                "prediction", switch (prediction) {
                    case Prediction.Predicted p -> JsonOutput.object("outcome", "predicted", "replaced", p.replaced(),
                            "pcrs", PcrValues.toJson(p.pcrs()), "warnings", p.warnings());
                    case Prediction.Unaffected u -> JsonOutput.object("outcome", "unaffected", "reason", u.reason());
                    case Prediction.Impossible i -> JsonOutput.object("outcome", "impossible", "reason", i.reason());
                },
                "totp", report.map(r -> reseal(r.totp())).orElse(null),
                "diskKey", report.map(r -> reseal(r.diskKey())).orElse(null),
                "resealAfterReboot", afterReboot);
    }

    private static Map<String, Object> reseal(Reseal reseal) {
        return switch (reseal) {
            case Reseal.Resealed r -> JsonOutput.object("outcome", "resealed", "pcrs", List.copyOf(r.pcrs().keySet()));
            case Reseal.AlreadyResealed a -> JsonOutput.object("outcome", "already-resealed");
            case Reseal.Unchanged u -> JsonOutput.object("outcome", "unchanged");
            case Reseal.NotSealed n -> JsonOutput.object("outcome", "not-sealed");
            case Reseal.Impossible i -> JsonOutput.object("outcome", "impossible", "reason", i.reason());
        };
    }

    private String text(Machine machine, Prediction prediction, Optional<KernelUpdate.Report> report, boolean afterReboot) {
        List<String> lines = new ArrayList<>();
        switch (prediction) {
            case Prediction.Predicted p -> {
                lines.add("Predicted the next boot with " + kernel + " (replacing " + String.join(", ", p.replaced()) + "):");
                p.pcrs().forEach((bank, values) -> values.forEach((pcr, value) ->
                        lines.add(String.format("  %-6s PCR %2d: %s", bank.bankName(), pcr, value.hex()))));
                p.warnings().forEach(w -> lines.add("warning: " + w));
                lines.add("Not predicted: PCR 8 and PCR 9 (the initrd and command line); Custody does not seal to them by default.");
            }
            case Prediction.Unaffected u -> lines.add("Nothing to reseal: " + u.reason() + ".");
            case Prediction.Impossible i -> lines.add("Cannot predict the next boot: " + i.reason() + ".");
        }
        report.ifPresent(r -> {
            lines.add("TOTP secret: " + describe(r.totp()));
            lines.add("Disk key: " + describe(r.diskKey()));
        });
        if (afterReboot) {
            lines.add("Reseal after the reboot: custody totp seal" + machine.commandLineSelector()
                    + " (then enrol the new code) and custody disk-key seal" + machine.commandLineSelector() + ".");
        }
        return TerminalText.escape(String.join("\n", lines));
    }

    private static String describe(Reseal reseal) {
        return switch (reseal) {
            case Reseal.Resealed r -> "resealed to PCRs " + r.pcrs().keySet() + " as predicted; the same secret, nothing to re-enrol.";
            case Reseal.AlreadyResealed a -> "already resealed to the predicted values (an earlier run).";
            case Reseal.Unchanged u -> "its PCRs do not change; nothing to do.";
            case Reseal.NotSealed n -> "none is sealed on this machine.";
            case Reseal.Impossible i -> "not resealed: " + i.reason() + ".";
        };
    }
}
