package dev.custody.boot.manifest;

import static dev.custody.common.JsonMaps.object;

import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.common.TerminalText;
import dev.custody.openpgp.SignatureCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of verifying /boot. It is good only when nothing at all was found; every check that
 * could not run is itself a finding, so a skipped check never reads as a pass. The entries are
 * those read from signed configs that load only signed files: the only ones a verified boot offers.
 */
public record Verification(List<Finding> findings, Optional<SignatureCheck.Good> signer, int filesHashed,
                           OptionalLong rollbackCounter, Optional<String> defaultEntry, List<FoundEntry> entries) {
    public Verification {
        findings = List.copyOf(findings);
        entries = List.copyOf(entries);
    }

    public boolean ok() {
        return findings.isEmpty();
    }

    /** The signed entry with this menu line, when /boot verified; a verified boot plans nothing else. */
    public Optional<BootEntry> signedEntry(String menuLine) {
        return ok() ? BootEntries.byMenuLine(entries, menuLine).map(FoundEntry::entry) : Optional.empty();
    }

    /** The signed default entry, when /boot verified. */
    public Optional<BootEntry> signedDefault() {
        return defaultEntry.flatMap(this::signedEntry);
    }

    /** "1 problem", "3 problems": how much was found. */
    public String problemCount() {
        return findings.size() + (findings.size() == 1 ? " problem" : " problems");
    }

    /** What 'boot verify' prints for the /boot folder {@code boot}: every check that passed, or every problem. */
    public String text(Path boot) {
        StringBuilder out = new StringBuilder();
        if (ok()) {
            out.append(boot).append(": verified\n");
            signer.ifPresent(s -> out.append("  signature: good, by ").append(TerminalText.escape(s.owner())).append(" (").append(s.fingerprint()).append(")\n"));
            out.append("  files: ").append(filesHashed).append(" hashed, none changed, added or removed\n");
            out.append("  rollback counter: ").append(rollbackCounter.isPresent()
                    ? rollbackCounter.getAsLong() + ", matches the TPM" : "none recorded (not protected against rollback)").append('\n');
            defaultEntry.ifPresent(line -> out.append("  default entry: ")
                    .append(TerminalText.escape(line.substring(0, line.indexOf('|')))).append(", unchanged\n"));
        } else {
            out.append(boot).append(": NOT VERIFIED, ").append(problemCount()).append(":\n");
            findings.forEach(f -> out.append("  ").append(TerminalText.escape(f.file() + ": " + f.reason())).append('\n'));
        }
        return out.toString().stripTrailing();
    }

    /** The same as 'boot verify --json' reports it. */
    public Map<String, Object> toJson(Path boot) {
        return object("boot", boot.toString(),
                "verified", ok(),
                "signer", signer.map(s -> (Object) object("fingerprint", s.fingerprint(), "owner", s.owner())).orElse(null),
                "filesHashed", filesHashed,
                "rollbackCounter", rollbackCounter.isPresent() ? rollbackCounter.getAsLong() : null,
                "defaultEntry", defaultEntry.orElse(null),
                "findings", findings.stream().map(f -> object("file", f.file(), "problem", f.kind(), "reason", f.reason())).toList());
    }
}
