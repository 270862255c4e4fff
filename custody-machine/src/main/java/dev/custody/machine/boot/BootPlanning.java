package dev.custody.machine.boot;

import static dev.custody.common.JsonMaps.object;

import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.boot.entry.MenuLine;
import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.kexec.KexecPlanner;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.policy.BootMode;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.tpm.Tpm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which entry a boot plans, in which mode, and its kexec commands, as Heads decides them: only
 * entries read from signed configs, loading only signed files, boot as verified; an unverified
 * /boot boots only when forced, which restricted mode forbids and PCR 4 records. {@code boot plan},
 * the boot menu and a lab power-on all plan through here.
 */
public final class BootPlanning {
    /** Where the plan's joined initrd (the entry's initrd with the disk unlock key) is written on a real machine. */
    public static final Path JOINED_INITRD = Path.of("/run/custody/initrd.img");

    private final Path boot;
    private final BootPolicy policy;

    public BootPlanning(Path boot, BootPolicy policy) {
        this.boot = boot;
        this.policy = policy;
    }

    /** What to do when /boot did not verify, or could not be verified. */
    public enum Unverified { REFUSE, FORCE }

    /** The entry chosen: boot entry N (counted from 1), or the signed default. */
    public sealed interface Choice {
        record Numbered(int number) implements Choice {}

        record SavedDefault() implements Choice {}

        static Choice of(OptionalInt number) {
            return number.isPresent() ? new Numbered(number.getAsInt()) : new SavedDefault();
        }
    }

    /** A planned boot: its mode, the entry and the commands. */
    public record Planned(BootMode mode, BootEntry entry, KexecPlan kexec) {
        /** The first line of the plan's script: what is booted, and whether it is unsafe. */
        public String header() {
            return switch (mode) {
                case BootMode.Verified v -> verifiedHeader(entry);
                case BootMode.Forced f -> "# UNSAFE FORCED BOOT of unverified files (" + f.why() + "); PCR 4 extended. Entry: "
                        + entry.name();
                case BootMode.Recovery r -> throw new IllegalStateException("recovery is not a boot");
            };
        }

        /** The plan as a shell script, with {@link #header} as its second line. */
        public String script() {
            return kexec.script().replaceFirst("\n", "\n" + header() + "\n");
        }

        /** The kexec commands, a shell line each. */
        public String commandLines() {
            return String.join("\n", kexec.commands().stream().map(KexecPlan::shell).toList());
        }

        /** The plan as 'boot plan --json' reports it. */
        public Map<String, Object> toJson() {
            return object("entry", entry.menuLine(),
                    "verified", mode instanceof BootMode.Verified,
                    "unsafe", mode instanceof BootMode.Forced,
                    "commands", kexec.commands(),
                    "kernelCommandLine", kexec.kernelCommandLine(),
                    "pcr4Event", mode.pcr4Event(),
                    "warnings", kexec.warnings());
        }
    }

    static String verifiedHeader(BootEntry entry) {
        return "# /boot verified. Entry: " + entry.name();
    }

    /**
     * Plans {@code choice}: as verified when {@code verification} passed, else forced (PCR 4 extended
     * through {@code tpm} first) or refused.
     */
    public Planned plan(Optional<Verification> verification, Choice choice, Unverified unverified, TpmAccess tpm,
                        Optional<Path> initrdOverride) {
        BootMode mode = mode(verification, unverified, tpm);
        BootEntry entry = switch (mode) {
            case BootMode.Verified v -> signedEntry(verification.orElseThrow(), choice);
            default -> unverifiedEntry(choice);
        };
        return new Planned(mode, entry, KexecPlanner.plan(boot, entry, BootMode.parameters(mode, policy), JOINED_INITRD,
                initrdOverride));
    }

    /** The chosen entry as read from signed configs only; an entry not read from one is not booted as verified. */
    public Planned planVerified(BootEntry chosen, Verification verification) {
        BootEntry signed = verification.signedEntry(chosen.menuLine()).orElseThrow(() -> new IllegalStateException(
                "the entry '" + chosen.name() + "' is not read from a signed boot config; it is not booted as verified"));
        return planAs(signed, new BootMode.Verified());
    }

    /** {@code entry} planned in {@code mode}, which the caller has already decided (and measured). */
    public Planned planAs(BootEntry entry, BootMode mode) {
        return new Planned(mode, entry, KexecPlanner.plan(boot, entry, BootMode.parameters(mode, policy), JOINED_INITRD));
    }

    /** What signing would cover: to choose a default before signing, or an entry to boot (planned only once verified). */
    public List<FoundEntry> entries() {
        return BootEntries.scan(boot, BootContent.toBeSigned(boot)).entries();
    }

    /** The saved default entry (kexec_default.N.txt), as written, verified or not. */
    public Optional<BootEntry> savedDefault() {
        KexecFiles kexec = KexecFiles.read(boot);
        return kexec.defaults().stream().findFirst().flatMap(d -> kexec.text(d.file())).map(MenuLine::parse);
    }

    /** Verified, or forced (which restricted mode forbids and PCR 4 records); nothing is planned unverified otherwise. */
    private BootMode mode(Optional<Verification> verification, Unverified unverified, TpmAccess tpm) {
        if (verification.map(Verification::ok).orElse(false)) {
            return new BootMode.Verified();
        }
        if (unverified == Unverified.REFUSE) {
            throw new IllegalStateException(verification.isPresent()
                    ? "/boot did not verify; refusing to plan its boot (--force boots it marked unsafe)"
                    : "no --keyring given, so /boot cannot be verified; refusing to plan its boot (--force boots it marked unsafe)");
        }
        BootMode forced = BootMode.forced(policy, verification.map(v -> v.findings().size() + " verification problems")
                .orElse("not verified, no keyring given"));
        try (Tpm opened = tpm.open()) {
            BootMode.measure(forced, opened);
        }
        return forced;
    }

    private BootEntry signedEntry(Verification verification, Choice choice) {
        return switch (choice) {
            case Choice.Numbered n -> pick(verification.entries(), n.number(), "signed boot entry");
            case Choice.SavedDefault d -> verification.signedDefault().orElseThrow(this::noDefault);
        };
    }

    /** A forced boot: still only what signing would cover, and never a path that leaves /boot. */
    private BootEntry unverifiedEntry(Choice choice) {
        return switch (choice) {
            case Choice.Numbered n -> pick(entries(), n.number(), "boot entry");
            case Choice.SavedDefault d -> {
                KexecFiles kexec = KexecFiles.read(boot);
                if (kexec.defaults().isEmpty()) {
                    throw noDefault();
                }
                yield MenuLine.parse(kexec.text(kexec.defaults().getFirst().file()).orElseThrow());
            }
        };
    }

    private IllegalArgumentException noDefault() {
        return new IllegalArgumentException("no default entry is saved in " + boot + "; use --entry N, or sign with --default N");
    }

    private static BootEntry pick(List<FoundEntry> entries, int number, String what) {
        if (number < 1 || number > entries.size()) {
            throw new IllegalArgumentException("there is no " + what + " " + number + " (there are " + entries.size() + ")");
        }
        return entries.get(number - 1).entry();
    }
}
