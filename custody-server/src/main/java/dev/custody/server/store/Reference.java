package dev.custody.server.store;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a machine must measure: SHA-256 PCR values, and, when it came from a log (a golden
 * machine, an approved boot), that log, so a difference can be explained event by event.
 *
 * @param source      "handoff", "machine" or "approved"
 * @param description where it came from, in words, for the page and the history
 */
public record Reference(String source, String description, SortedMap<Integer, String> pcrs, Optional<byte[]> log) {
    public Reference {
        pcrs = new TreeMap<>(pcrs);
    }
}
