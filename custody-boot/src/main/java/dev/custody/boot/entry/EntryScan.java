package dev.custody.boot.entry;

import java.util.List;

/**
 * The boot entries found, and every file that was refused on the way: a config that may not be
 * read, or a file an entry would load that may not be loaded (whose entry is then left out).
 */
public record EntryScan(List<FoundEntry> entries, List<Refusal> refusals) {
    public EntryScan {
        entries = List.copyOf(entries);
        refusals = List.copyOf(refusals);
    }

    /** One refused file (relative to /boot, as written when it leaves /boot) and why. */
    public record Refusal(String file, String reason) {}
}
