package dev.custody.server;

import java.util.List;

/**
 * The server's judgement of a machine: "trusted" only when its quote and log match an explicit
 * reference; "changed" with the event-level explanation; "unknown" when it has no reference.
 */
public record Verdict(String state, List<String> reasons) {
    public static final String TRUSTED = "trusted";
    public static final String CHANGED = "changed";
    public static final String UNKNOWN = "unknown";
    public static final String SILENT = "silent";
    public static final String REFUSED = "refused";

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    public boolean trusted() {
        return TRUSTED.equals(state);
    }
}
