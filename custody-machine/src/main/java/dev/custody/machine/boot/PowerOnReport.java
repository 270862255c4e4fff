package dev.custody.machine.boot;

import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.manifest.Verification;
import dev.custody.firmware.predict.PredictedEvent;
import java.util.List;
import java.util.Optional;

/**
 * What happened at each step of a lab power-on, in Heads' order: measurements, the TOTP, /boot
 * verification, the disk unlock key, the boot plan. A step that did not run is empty.
 * {@code failedRecoveryAttempts} counts the failed recovery authentications (TPM NV counter)
 * since the last successful boot; a verified boot restarts the count after showing it.
 */
public record PowerOnReport(List<PredictedEvent> measured, Totp totp, Boot boot, Optional<DiskStep.Outcome> disk,
                            Optional<Plan> plan, long failedRecoveryAttempts) {

    /** The code the machine shows, or why there is none. */
    public sealed interface Totp {
        record NotSealed(String hint) implements Totp {}

        record Shown(String code, int secondsLeft) implements Totp {}

        record Refused(String reason) implements Totp {}
    }

    /** Whether /boot may be booted. */
    public sealed interface Boot {
        default boolean verified() {
            return this instanceof Checked checked && checked.verification().ok();
        }

        record NotSigned(String hint) implements Boot {}

        record NoKeyring(String where) implements Boot {}

        record Checked(Verification verification) implements Boot {}
    }

    /** The kexec plan of the signed default entry, or why there is none. */
    public sealed interface Plan {
        record Planned(String header, KexecPlan kexec) implements Plan {}

        record NotPlanned(String reason) implements Plan {}
    }

    /** "2 failed recovery attempts since the last boot": the warning a power-on and the menu show. */
    public static String failedRecoveryText(long count) {
        return count + " failed recovery attempt" + (count == 1 ? "" : "s") + " since the last boot";
    }
}
