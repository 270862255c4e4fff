package dev.custody.boot.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One scan of /boot: what was found and refused so far, and each config read at most once. */
final class Scan {
    private final BootContent content;
    private final List<FoundEntry> found = new ArrayList<>();
    private final List<EntryScan.Refusal> refusals = new ArrayList<>();
    private final Map<String, Optional<List<String>>> configs = new HashMap<>();

    Scan(BootContent content) {
        this.content = content;
    }

    /** A config's lines (decoded leniently: a stray byte in a title must not hide every other entry). */
    Optional<List<String>> lines(String path) {
        return configs.computeIfAbsent(path, p -> switch (content.config(p)) {
            case BootContent.Access.Admitted admitted ->
                    Optional.of(new String(admitted.content(), StandardCharsets.UTF_8).lines().toList());
            case BootContent.Access.Absent absent -> Optional.empty();
            case BootContent.Access.Refused refused -> {
                refusals.add(new EntryScan.Refusal(refused.file(), refused.reason()));
                yield Optional.empty();
            }
        });
    }

    /**
     * Lists the entry when every file it loads may be loaded. An entry naming a file that is not
     * there is left out, as Heads leaves out an entry whose kernel is missing.
     */
    void offer(BootEntry entry, String config, Optional<String> submenu) {
        offer(entry, List.of(), config, submenu);
    }

    /** @param alsoRead files the boot loader would read for the entry beyond those kexec loads (device trees) */
    void offer(BootEntry entry, List<String> alsoRead, String config, Optional<String> submenu) {
        boolean complete = true;
        boolean refused = false;
        for (String file : java.util.stream.Stream.concat(entry.files().stream(), alsoRead.stream()).toList()) {
            switch (content.load(file)) {
                case BootContent.Access.Admitted admitted -> { }
                case BootContent.Access.Absent absent -> complete = false;
                case BootContent.Access.Refused refusal -> {
                    refused = true;
                    refusals.add(new EntryScan.Refusal(refusal.file(), refusal.reason()
                            + "; the entry '" + entry.name() + "' in " + config + " is not offered"));
                }
            }
        }
        if (complete && !refused) {
            found.add(new FoundEntry(entry, config, submenu));
        }
    }

    boolean foundNone() {
        return found.isEmpty();
    }

    EntryScan result() {
        return new EntryScan(found, refusals);
    }
}
