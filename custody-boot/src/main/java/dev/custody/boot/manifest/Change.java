package dev.custody.boot.manifest;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A /boot file that differs from the signed manifest, and what kind of file it is. */
public record Change(Kind kind, String file, FileClass fileClass) {
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** How reports name the kind: added, removed, changed. */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** What 'boot changes' prints: a line per change, with its class, each ended by a newline. */
    public static String text(List<Change> changes) {
        StringBuilder out = new StringBuilder();
        for (Change change : changes) {
            out.append(TerminalText.format("%-8s %-12s %s%n", change.kindName(), change.fileClass().label(), change.file()));
        }
        return out.toString();
    }

    /** The change as 'boot changes --json' reports it. */
    public Map<String, Object> toJson() {
        return object("change", kindName(), "file", file, "class", fileClass.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
