package dev.custody.eventlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One logged measurement. {@code index} counts from 0 in log order (a crypto-agile log's Spec ID
 * header is event 0, as tpm2_eventlog numbers it); {@code offset} is where it starts in the input.
 */
public record Event(int index, long offset, int pcr, EventType type, Map<HashAlgorithm, Bytes> digests, Bytes data) {

    public Event {
        digests = Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }

    public Optional<Bytes> digest(HashAlgorithm bank) {
        return Optional.ofNullable(digests.get(bank));
    }

    /** EV_NO_ACTION events are informational: the TPM never saw them. */
    public boolean extendsPcr() {
        return type != EventType.Tcg.EV_NO_ACTION;
    }

    /** A label for error messages and reports. */
    public String label() {
        return "event " + index + " (PCR " + Integer.toUnsignedString(pcr) + ", " + type.name() + ")";
    }
}
