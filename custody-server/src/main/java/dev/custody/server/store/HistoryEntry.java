package dev.custody.server.store;

import java.util.List;

/** One judged report: when, the state it gave, and why. */
public record HistoryEntry(long receivedAt, String state, List<String> reasons) {
    public HistoryEntry {
        reasons = List.copyOf(reasons);
    }
}
