package dev.custody.server;

import dev.custody.common.JsonMaps;
import dev.custody.common.TerminalText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * What 'attest push' prints: the state in capitals, then a reason a line. The server's answer
     * quotes event logs, so each value is escaped for the terminal (JSON output keeps it exact).
     */
    public String text() {
        StringBuilder out = new StringBuilder(TerminalText.escape(state.toUpperCase(Locale.ROOT)));
        reasons.forEach(reason -> out.append("\n  ").append(TerminalText.escape(reason)));
        return out.toString();
    }

    public Map<String, Object> toJson() {
        return JsonMaps.object("state", state, "reasons", reasons);
    }
}
