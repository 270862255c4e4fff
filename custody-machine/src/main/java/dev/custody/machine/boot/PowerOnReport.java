package dev.custody.machine.boot;

import static dev.custody.common.JsonMaps.object;

import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.manifest.Verification;
import dev.custody.common.TerminalText;
import dev.custody.firmware.predict.PredictedEvent;
import dev.custody.machine.LabMachine;
import dev.custody.tpm.TpmInfo;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** What 'lab power-on' prints for the simulated machine {@code lab}: a step a line or a few. */
    public String text(LabMachine lab) {
        StringBuilder out = new StringBuilder();
        if (failedRecoveryAttempts > 0) {
            out.append("WARNING: ").append(failedRecoveryText(failedRecoveryAttempts)).append('\n');
        }
        out.append("Measured:\n");
        boolean sha1 = lab.tpmFamily().equals(TpmInfo.FAMILY_1_2);
        measured.forEach(e -> out.append(TerminalText.format("  PCR %d  %-40s %s%n", e.pcr(), e.description(),
                HexFormat.of().formatHex(sha1 ? e.sha1() : e.sha256()).substring(0, 16))));
        out.append(switch (totp) {
            case Totp.NotSealed n -> "TOTP:  not sealed yet (" + n.hint() + ")";
            case Totp.Shown s -> "TOTP:  " + s.code() + " (valid for " + s.secondsLeft() + " s): compare it with your phone";
            case Totp.Refused r -> "TOTP:  NONE. The TPM refuses the secret: this machine changed.\n       "
                    + TerminalText.escape(r.reason()).replace("; ", "\n       ");
        }).append('\n');
        out.append(switch (boot) {
            case Boot.NotSigned n -> "/boot: not signed yet, so nothing would be booted (" + n.hint() + ")";
            case Boot.NoKeyring k -> "/boot: NOT VERIFIED: the firmware holds no owner keyring (" + k.where() + ")";
            case Boot.Checked c -> c.verification().text(lab.bootDirectory()).stripTrailing();
        }).append('\n');
        disk.ifPresent(step -> {
            if (step instanceof DiskStep.Outcome.Released released) {
                released.warnings().forEach(w -> out.append("Disk:  warning: ").append(TerminalText.escape(w)).append('\n'));
            }
            out.append("Disk:  ").append(TerminalText.escape(step.reason())).append('\n');
            if (step instanceof DiskStep.Outcome.Refused refused) {
                out.append("       ").append(TerminalText.escape(refused.recoveryHint())).append('\n');
            }
        });
        plan.ifPresent(p -> out.append(switch (p) {
            case Plan.Planned planned -> "Boot plan (on a lab machine it is written, not executed):\n"
                    + TerminalText.escape(planned.header()) + "\n" + String.join("\n", planned.kexec().commands().stream().map(KexecPlan::shell).toList());
            case Plan.NotPlanned n -> "Boot plan: none: " + TerminalText.escape(n.reason());
        }).append('\n'));
        return out.toString().stripTrailing();
    }

    /** The same as 'lab power-on --json' reports it, with the command's exit code; a QEMU power-on starts with the same members. */
    public Map<String, Object> toJson(int exitCode) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totp", switch (totp) {
            case Totp.NotSealed n -> object("code", null, "reason", "not sealed yet");
            case Totp.Shown s -> object("code", s.code(), "reason", null, "validFor", s.secondsLeft());
            case Totp.Refused r -> object("code", null, "reason", r.reason());
        });
        out.put("disk", disk.map(step -> object("opened", step.openedByTpm(),
                "by", step.openedByTpm() ? "tpm" : null, "reason", step.reason()))
                .orElse(object("opened", false, "by", null, "reason", "the boot stopped before the disk step")));
        out.put("boot", switch (boot) {
            case Boot.NotSigned n -> object("verified", false, "reason", "not signed yet", "findings", List.of());
            case Boot.NoKeyring k -> object("verified", false, "reason", "the firmware holds no owner keyring", "findings", List.of());
            case Boot.Checked c -> object("verified", c.verification().ok(), "reason", null,
                    "findings", c.verification().findings().stream().map(f -> object("file", f.file(), "reason", f.reason())).toList());
        });
        out.put("plan", plan.map(p -> switch (p) {
            case Plan.Planned planned -> object("header", planned.header(), "commands", planned.kexec().commands());
            case Plan.NotPlanned n -> object("header", null, "reason", n.reason());
        }).orElse(null));
        out.put("measured", measured.stream().map(e -> object("pcr", e.pcr(),
                "description", e.description(), "sha1", HexFormat.of().formatHex(e.sha1()), "sha256", e.sha256Hex())).toList());
        out.put("failedRecoveryAttempts", failedRecoveryAttempts);
        out.put("exitCode", exitCode);
        return out;
    }

    /** "2 failed recovery attempts since the last boot": the warning a power-on and the menu show. */
    public static String failedRecoveryText(long count) {
        return count + " failed recovery attempt" + (count == 1 ? "" : "s") + " since the last boot";
    }
}
