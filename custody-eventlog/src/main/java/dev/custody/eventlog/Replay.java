package dev.custody.eventlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The PCR values a log leads to, per bank, for every PCR the log touches.
 *
 * @param warnings what made the replay uncertain, in words for the owner
 */
public record Replay(Map<HashAlgorithm, SortedMap<Integer, Bytes>> pcrs, List<String> warnings) {

    public Replay {
        Map<HashAlgorithm, SortedMap<Integer, Bytes>> copy = new LinkedHashMap<>();
        pcrs.forEach((bank, values) -> copy.put(bank, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
        pcrs = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(warnings);
    }

    public SortedMap<Integer, Bytes> bank(HashAlgorithm bank) {
        return pcrs.getOrDefault(bank, Collections.emptySortedMap());
    }
}
