package dev.custody.cli.boot;

import dev.custody.boot.kexec.KexecPlan;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.policy.BootPolicy;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import dev.custody.machine.boot.BootCheck;
import dev.custody.machine.boot.BootPlanning;
import dev.custody.machine.boot.BootPlanning.Planned;
import dev.custody.machine.boot.BootPlanning.Unverified;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Write the exact kexec commands that boot an entry (Xen: multiboot with modules).",
            "/boot is verified first (--keyring) and only signed entries are planned; an unverified /boot",
            "is refused unless --force, which restricted mode forbids and which extends PCR 4 so the TOTP stops verifying."})
public final class PlanCommand implements Callable<Integer> {
    @Mixin BootDirectory boot;

    @ArgGroup(exclusive = true) Choice choice = new Choice();

    static final class Choice {
        @Option(names = "--entry", paramLabel = "N", description = "Boot entry N (see boot entries).") Integer entry;

        @Option(names = "--default", description = "The signed default entry (kexec_default.N.txt); the default choice.") boolean signedDefault;
    }

    @Option(names = "--keyring", paramLabel = "FILE", description = "Verify /boot against these public keys first (required unless --force).")
    Path keyring;

    @Option(names = "--force", description = "Plan even though /boot did not verify (marked unsafe; extends PCR 4).") boolean force;

    @Option(names = "--write", paramLabel = "FILE", description = "Also write the plan as a shell script.") Path script;

    @Option(names = "--initrd", paramLabel = "FILE",
            description = "Load this initrd instead of the entry's: the entry's initrd with the disk unlock key appended.")
    Path initrdOverride;

    @Mixin PolicyOption policyOption;

    @Mixin TpmOptions tpmOptions;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        BootPolicy policy = policyOption.policy();
        Optional<Verification> verification = Optional.ofNullable(keyring).map(k ->
                BootCheck.verify(boot.path(), k, tpmOptions.access(), policy.requireRollback()));
        verification.filter(v -> !v.ok()).ifPresent(v -> v.findings().forEach(f -> System.err.println("custody: "
                + TerminalText.escape(f.file() + ": " + f.reason()))));
        Planned planned = new BootPlanning(boot.path(), policy).plan(verification,
                BootPlanning.Choice.of(choice.entry == null ? OptionalInt.empty() : OptionalInt.of(choice.entry)),
                force ? Unverified.FORCE : Unverified.REFUSE, tpmOptions.access(), Optional.ofNullable(initrdOverride));
        KexecPlan plan = planned.kexec();
        if (script != null) {
            AtomicFiles.writeString(script, planned.script());
        }
        plan.warnings().forEach(w -> System.err.println("custody: warning: " + TerminalText.escape(w)));
        output.print(planned.toJson(), planned.header() + "\n" + planned.commandLines());
        return 0;
    }
}
