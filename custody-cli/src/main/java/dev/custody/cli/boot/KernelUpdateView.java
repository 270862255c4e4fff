package dev.custody.cli.boot;

import dev.custody.common.TerminalText;
import dev.custody.machine.KernelUpdate;
import dev.custody.machine.KernelUpdate.Prediction;
import dev.custody.machine.KernelUpdate.Reseal;
import dev.custody.machine.Machine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a predictive reseal is shown, by 'boot reseal' and by 'lab install-kernel' (the JSON is {@code machine.KernelUpdateJson}). */
public final class KernelUpdateView {
    /** Not a failure of the command: the owner reseals after the reboot, as Heads always does. */
    public static final int RESEAL_AFTER_REBOOT = 3;

    private KernelUpdateView() {}

    public static int exitCode(KernelUpdate.Outcome outcome) {
        return outcome.resealAfterReboot() ? RESEAL_AFTER_REBOOT : 0;
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
