package dev.custody.eventlog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed measurement log: what the firmware claims it measured, nothing verified yet.
 *
 * @param announcedBanks the banks the log header declares (for formats without a header: the
 *     banks its events carry)
 * @param notes facts about the input that do not change the events, e.g. zero padding skipped
 */
public record EventLog(LogFormat format, List<HashAlgorithm> announcedBanks, List<Event> events, List<String> notes) {

    public EventLog {
        announcedBanks = List.copyOf(announcedBanks);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    /** Banks for which at least one event carries a digest, in the order the log first uses them. */
    public Set<HashAlgorithm> banksPresent() {
        Set<HashAlgorithm> banks = new LinkedHashSet<>();
        events.stream().filter(Event::extendsPcr).forEach(e -> banks.addAll(e.digests().keySet()));
        return banks;
    }
}
