package dev.custody.boot.manifest;

import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.FoundEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * After an OS update: which files were added, removed or changed since /boot was last signed.
 * This compares with the signed lists as they are on disk; whether they are authentic is what
 * {@code boot verify} answers.
 */
public final class ChangeReport {
    private ChangeReport() {}

    public static List<Change> compare(Path boot) {
        KexecFiles kexec = KexecFiles.read(boot);
        String hashes = kexec.text(KexecFiles.HASHES).orElseThrow(() ->
                new IllegalArgumentException(boot + " has no kexec_hashes.txt: it was never signed, so every file is new"));
        HashList signed = HashList.parse(KexecFiles.HASHES, hashes);
        List<BootEntry> entries = entries(boot);
        List<Change> changes = new ArrayList<>();
        signed.differences(boot).forEach((path, kind) -> changes.add(change(kind, path, entries)));
        Set<String> added = new LinkedHashSet<>(BootFiles.regularFiles(boot));
        added.removeAll(signed.digests().keySet());
        added.forEach(path -> changes.add(change(Change.Kind.ADDED, path, entries)));
        return List.copyOf(changes);
    }

    private static Change change(Change.Kind kind, String path, List<BootEntry> entries) {
        return new Change(kind, BootVerifier.display(path), FileClass.of(path, entries));
    }

    /** Classifying is a help, not a check: unreadable configs just leave names to decide. */
    private static List<BootEntry> entries(Path boot) {
        try {
            return BootEntries.scan(boot, BootContent.toBeSigned(boot)).entries().stream().map(FoundEntry::entry).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
