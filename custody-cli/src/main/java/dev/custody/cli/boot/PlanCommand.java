package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
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
import dev.custody.cli.Json;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import dev.custody.machine.boot.BootCheck;
import dev.custody.tpm.Tpm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Write the exact kexec commands that boot an entry (Xen: multiboot with modules).",
            "/boot is verified first (--keyring) and only signed entries are planned; an unverified /boot",
            "is refused unless --force, which restricted mode forbids and which extends PCR 4 so the TOTP stops verifying."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    BootDirectory boot;

    @ArgGroup(exclusive = true)
    Choice choice = new Choice();

    static final class Choice {
        @Option(names = "--entry", paramLabel = "N", description = "Boot entry N (see boot entries).")
        Integer entry;

        @Option(names = "--default", description = "The signed default entry (kexec_default.N.txt); the default choice.")
        boolean signedDefault;
    }

    @Option(names = "--keyring", paramLabel = "FILE", description = "Verify /boot against these public keys first (required unless --force).")
    Path keyring;

    @Option(names = "--force", description = "Plan even though /boot did not verify (marked unsafe; extends PCR 4).")
    boolean force;

    @Option(names = "--write", paramLabel = "FILE", description = "Also write the plan as a shell script.")
    Path script;

    @Option(names = "--initrd", paramLabel = "FILE",
            description = "Load this initrd instead of the entry's: the entry's initrd with the disk unlock key appended.")
    Path initrdOverride;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    TpmOptions tpmOptions;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        BootPolicy policy = policyOption.policy();
        Optional<Verification> verification = Optional.ofNullable(keyring).map(k ->
                BootCheck.verify(boot.path(), k, tpmOptions.access(), policy.requireRollback()));
        BootMode mode = mode(policy, verification);
        BootEntry entry = switch (mode) {
            case BootMode.Verified v -> signedEntry(verification.orElseThrow());
            default -> unverifiedEntry();
        };
        KexecPlan plan = KexecPlanner.plan(boot.path(), entry, BootMode.parameters(mode, policy),
                Path.of("/run/custody/initrd.img"), Optional.ofNullable(initrdOverride));
        String header = header(mode, entry);
        if (script != null) {
            AtomicFiles.writeString(script, plan.script().replaceFirst("\n", "\n" + header + "\n"));
        }
        plan.warnings().forEach(w -> System.err.println("custody: warning: " + TerminalText.escape(w)));
        System.out.println(output.requested() ? Json.write(toJson(plan, mode, entry))
                : header + "\n" + plan.commands().stream().map(KexecPlan::shell).reduce((a, b) -> a + "\n" + b).orElse(""));
        return 0;
    }

    /** Only entries read from signed configs, loading only signed files, are planned as verified. */
    private BootEntry signedEntry(Verification verification) {
        if (choice.entry != null) {
            return pick(verification.entries(), "signed boot entry");
        }
        return verification.signedDefault().orElseThrow(() -> new IllegalArgumentException(
                "no default entry is saved in " + boot.path() + "; use --entry N, or sign with --default N"));
    }

    /** A forced boot: still only what signing would cover, and never a path that leaves /boot. */
    private BootEntry unverifiedEntry() {
        if (choice.entry != null) {
            return pick(BootEntries.scan(boot.path(), BootContent.toBeSigned(boot.path())).entries(), "boot entry");
        }
        KexecFiles kexec = KexecFiles.read(boot.path());
        if (kexec.defaults().isEmpty()) {
            throw new IllegalArgumentException("no default entry is saved in " + boot.path() + "; use --entry N, or sign with --default N");
        }
        return MenuLine.parse(kexec.text(kexec.defaults().getFirst().file()).orElseThrow());
    }

    private BootEntry pick(List<FoundEntry> entries, String what) {
        if (choice.entry < 1 || choice.entry > entries.size()) {
            throw new IllegalArgumentException("there is no " + what + " " + choice.entry + " (there are " + entries.size() + ")");
        }
        return entries.get(choice.entry - 1).entry();
    }

    /** Verified, or forced (which restricted mode forbids and PCR 4 records); nothing is planned unverified otherwise. */
    private BootMode mode(BootPolicy policy, Optional<Verification> verification) {
        if (verification.map(Verification::ok).orElse(false)) {
            return new BootMode.Verified();
        }
        verification.ifPresent(v -> v.findings().forEach(f -> System.err.println("custody: "
                + TerminalText.escape(f.file() + ": " + f.reason()))));
        if (!force) {
            throw new IllegalStateException(verification.isPresent()
                    ? "/boot did not verify; refusing to plan its boot (--force boots it marked unsafe)"
                    : "no --keyring given, so /boot cannot be verified; refusing to plan its boot (--force boots it marked unsafe)");
        }
        BootMode forced = BootMode.forced(policy, verification.map(v -> v.findings().size() + " verification problems")
                .orElse("not verified, no keyring given"));
        try (Tpm tpm = tpmOptions.open()) {
            BootMode.measure(forced, tpm);
        }
        return forced;
    }

    private static String header(BootMode mode, BootEntry entry) {
        return switch (mode) {
            case BootMode.Verified v -> "# /boot verified. Entry: " + entry.name();
            case BootMode.Forced f -> "# UNSAFE FORCED BOOT of unverified files (" + f.why() + "); PCR 4 extended. Entry: " + entry.name();
            case BootMode.Recovery r -> throw new IllegalStateException("recovery is not a boot");
        };
    }

    private Map<String, Object> toJson(KexecPlan plan, BootMode mode, BootEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entry", entry.menuLine());
        out.put("verified", mode instanceof BootMode.Verified);
        out.put("unsafe", mode instanceof BootMode.Forced);
        out.put("commands", plan.commands());
        out.put("kernelCommandLine", plan.kernelCommandLine());
        out.put("pcr4Event", mode.pcr4Event());
        out.put("warnings", plan.warnings());
        return out;
    }
}
