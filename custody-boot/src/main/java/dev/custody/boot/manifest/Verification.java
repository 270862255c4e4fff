package dev.custody.boot.manifest;

import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.openpgp.SignatureCheck;
import java.util.List;
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
}
