package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.manifest.Finding;
import dev.custody.boot.manifest.Verification;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.common.TerminalText;
import dev.custody.machine.boot.BootCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify /boot as Heads does before booting: the signature over the kexec*.txt files,",
            "every hash, no file added or removed, the rollback counter and the default entry;",
            "no unknown kexec* name, and boot entries only from signed configs loading signed files in /boot.",
            "Exit 0 only when everything verifies; each problem names the file at fault."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    BootDirectory boot;

    @Option(names = "--keyring", required = true, paramLabel = "FILE",
            description = "The owner's public keys: pubring.kbx, or an armored or binary export.")
    Path keyringFile;

    @Mixin
    TpmOptions tpmOptions;

    @Option(names = "--require-rollback",
            description = "Refuse a /boot that has no rollback counter record (also CONFIG_BOOT_REQ_ROLLBACK=y in --config).")
    boolean requireRollback;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        Verification verification = BootCheck.verify(boot.path(), keyringFile, tpmOptions.access(),
                requireRollback || policyOption.policy().requireRollback());
        output.print(toJson(verification), text(boot.path(), verification));
        return verification.ok() ? 0 : 1;
    }

    public static String text(Path bootPath, Verification v) {
        StringBuilder out = new StringBuilder();
        if (v.ok()) {
            out.append(bootPath).append(": verified\n");
            v.signer().ifPresent(s -> out.append("  signature: good, by ").append(TerminalText.escape(s.owner())).append(" (").append(s.fingerprint()).append(")\n"));
            out.append("  files: ").append(v.filesHashed()).append(" hashed, none changed, added or removed\n");
            out.append("  rollback counter: ").append(v.rollbackCounter().isPresent()
                    ? v.rollbackCounter().getAsLong() + ", matches the TPM" : "none recorded (not protected against rollback)").append('\n');
            v.defaultEntry().ifPresent(line -> out.append("  default entry: ")
                    .append(TerminalText.escape(line.substring(0, line.indexOf('|')))).append(", unchanged\n"));
        } else {
            out.append(bootPath).append(": NOT VERIFIED, ").append(v.findings().size())
                    .append(v.findings().size() == 1 ? " problem" : " problems").append(":\n");
            v.findings().forEach(f -> out.append("  ").append(TerminalText.escape(f.file() + ": " + f.reason())).append('\n'));
        }
        return out.toString().stripTrailing();
    }

    private Map<String, Object> toJson(Verification v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("boot", boot.path().toString());
        out.put("verified", v.ok());
        out.put("signer", v.signer().map(s -> {
            Map<String, Object> signer = new LinkedHashMap<>();
            signer.put("fingerprint", s.fingerprint());
            signer.put("owner", s.owner());
            return (Object) signer;
        }).orElse(null));
        out.put("filesHashed", v.filesHashed());
        out.put("rollbackCounter", v.rollbackCounter().isPresent() ? v.rollbackCounter().getAsLong() : null);
        out.put("defaultEntry", v.defaultEntry().orElse(null));
        out.put("findings", v.findings().stream().map(f -> {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("file", f.file());
            finding.put("problem", kind(f));
            finding.put("reason", f.reason());
            return finding;
        }).toList());
        return out;
    }

    static String kind(Finding finding) {
        return switch (finding) {
            case Finding.Changed c -> "changed";
            case Finding.Added a -> "added";
            case Finding.Removed r -> "removed";
            case Finding.BadSignature s -> "signature";
            case Finding.BadManifest m -> "manifest";
            case Finding.Rollback r -> "rollback";
            case Finding.DefaultEntryChanged d -> "default-entry";
            case Finding.DefaultFileChanged d -> "default-file";
            case Finding.NotReadable n -> "not-regular";
            case Finding.UnsignedKexec u -> "unsigned-kexec";
            case Finding.StaleStaging s -> "stale-staging";
            case Finding.EntryRefused r -> "entry-refused";
        };
    }

    /** Opens the TPM only when a counter is read, so a missing TPM is a finding, not a crash. */
}
