package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.PcrValues;
import dev.custody.machine.KernelUpdate;
import dev.custody.machine.KernelUpdate.Prediction;
import dev.custody.machine.KernelUpdate.Reseal;
import dev.custody.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a predictive reseal is shown, by 'boot reseal' and by 'lab install-kernel'. */
public final class KernelUpdateView {
    /** Not a failure of the command: the owner reseals after the reboot, as Heads always does. */
    public static final int RESEAL_AFTER_REBOOT = 3;

    private KernelUpdateView() {}

    public static int exitCode(KernelUpdate.Outcome outcome) {
        return outcome.resealAfterReboot() ? RESEAL_AFTER_REBOOT : 0;
    }

    public static Map<String, Object> json(Path kernel, KernelUpdate.Outcome outcome) {
        return JsonOutput.object("kernel", kernel.toString(),
                "prediction", switch (outcome.prediction()) {
                    case Prediction.Predicted p -> JsonOutput.object("outcome", "predicted", "replaced", p.replaced(),
                            "pcrs", PcrValues.toJson(p.pcrs()), "warnings", p.warnings());
                    case Prediction.Unaffected u -> JsonOutput.object("outcome", "unaffected", "reason", u.reason());
                    case Prediction.Impossible i -> JsonOutput.object("outcome", "impossible", "reason", i.reason());
                },
                "totp", outcome.reseal().map(r -> reseal(r.totp())).orElse(null),
                "diskKey", outcome.reseal().map(r -> reseal(r.diskKey())).orElse(null),
                "resealAfterReboot", outcome.resealAfterReboot());
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

    /** {@code reboot} names what boots the new kernel ("the reboot", or a lab power-on). */
    public static String text(Machine machine, Path kernel, KernelUpdate.Outcome outcome, String reboot) {
        List<String> lines = new ArrayList<>();
        switch (outcome.prediction()) {
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
        outcome.reseal().ifPresent(r -> {
            lines.add("TOTP secret: " + describe(r.totp()));
            lines.add("Disk key: " + describe(r.diskKey()));
        });
        if (outcome.resealAfterReboot()) {
            lines.add("Reseal after " + reboot + ": custody totp seal" + machine.commandLineSelector()
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
