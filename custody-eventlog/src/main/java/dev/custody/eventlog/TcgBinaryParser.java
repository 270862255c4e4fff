package dev.custody.eventlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads TCG logs: the SHA1 format (TCG_PCClientPCREvent records) and the crypto-agile format
 * (a SHA1-format Spec ID header, then TCG_PCR_EVENT2 records), including coreboot's CBT1/CBT2
 * fixed-size tables, which are the same records with a zero-filled tail.
 */
final class TcgBinaryParser {
    private static final int MAX_PCR = 31;
    private static final int SHA1_LENGTH = 20;

    private final ByteReader reader;
    private final List<Event> events = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private TcgBinaryParser(byte[] data) {
        this.reader = new ByteReader(data);
    }

    /** True when the input starts with a plausible SHA1-format event, the first record of every TCG log. */
    static boolean looksLikeTcg(byte[] data) {
        if (data.length < 32) {
            return false;
        }
        ByteReader r = new ByteReader(data);
        long pcr = r.u32("pcrIndex");
        EventType type = EventType.of(r.u32("eventType"));
        r.skip(SHA1_LENGTH, "digest");
        long size = r.u32("eventSize");
        return pcr <= MAX_PCR && type instanceof EventType.Tcg && size <= r.remaining();
    }

    static EventLog parse(byte[] data) {
        return new TcgBinaryParser(data).parse();
    }

    private EventLog parse() {
        Event first = sha1Event();
        events.add(first);
        Optional<String> signature = first.type() == EventType.Tcg.EV_NO_ACTION
                ? SpecIdEvent.signatureOf(first.data()) : Optional.empty();
        SpecIdEvent spec = signature.map(s -> SpecIdEvent.parse(first.data(), s)).orElse(null);
        Optional<SpecIdEvent.CorebootVendorInfo> coreboot = spec == null ? Optional.empty() : spec.coreboot();
        boolean agile = spec != null && spec.signature().equals(SpecIdEvent.AGILE);
        LogFormat format = coreboot.map(SpecIdEvent.CorebootVendorInfo::format)
                .orElse(agile ? LogFormat.CRYPTO_AGILE : LogFormat.TCG_SHA1);
        int limit = coreboot.map(c -> c.numEntries() + 1).orElse(Integer.MAX_VALUE);
        while (reader.remaining() > 0 && events.size() < limit) {
            if (reader.restIsZero()) {
                notes.add(String.format("ignored %d bytes of zero padding at offset 0x%x", reader.remaining(), reader.position()));
                break;
            }
            events.add(agile ? agileEvent(spec) : sha1Event());
        }
        if (coreboot.isPresent()) {
            requireZeroTail(coreboot.get());
        }
        List<HashAlgorithm> announced = agile ? known(spec.digestSizes()) : List.of(HashAlgorithm.SHA1);
        return new EventLog(format, announced, events, notes);
    }

    private void requireZeroTail(SpecIdEvent.CorebootVendorInfo table) {
        int logged = events.size() - 1;
        if (logged < table.numEntries()) {
            throw new MalformedLogException(String.format("coreboot table announces %d entries but holds only %d",
                    table.numEntries(), logged));
        }
        if (reader.remaining() > 0 && !reader.restIsZero()) {
            throw new MalformedLogException(String.format(
                    "coreboot table holds data after its last entry (%d of %d) at offset 0x%x",
                    table.numEntries(), table.maxEntries(), reader.position()));
        }
        if (reader.remaining() > 0 && notes.isEmpty()) {
            notes.add(String.format("ignored %d bytes of zero padding (unused table entries) at offset 0x%x",
                    reader.remaining(), reader.position()));
        }
    }

    private static List<HashAlgorithm> known(Map<Integer, Integer> sizes) {
        return sizes.keySet().stream().flatMap(id -> HashAlgorithm.byTcgId(id).stream()).toList();
    }

    private Event sha1Event() {
        int start = begin();
        long rawPcr = reader.u32("pcrIndex");
        EventType type = EventType.of(reader.u32("eventType"));
        int pcr = pcrIndex(rawPcr, type, start);
        Bytes digest = reader.bytes(SHA1_LENGTH, "digest");
        Bytes data = eventData();
        return new Event(events.size(), start, pcr, type, Map.of(HashAlgorithm.SHA1, digest), data);
    }

    private Event agileEvent(SpecIdEvent spec) {
        int start = begin();
        long rawPcr = reader.u32("pcrIndex");
        EventType type = EventType.of(reader.u32("eventType"));
        int pcr = pcrIndex(rawPcr, type, start);
        int countAt = reader.position();
        long count = reader.u32("digestCount");
        if (count > spec.digestSizes().size()) {
            throw reader.fail("digestCount", countAt, "is " + count + " but the header announces only "
                    + spec.digestSizes().size() + " algorithms");
        }
        Map<HashAlgorithm, Bytes> digests = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String field = "digests[" + i + "]";
            int algAt = reader.position();
            int algorithm = reader.u16(field + ".hashAlg");
            Integer size = spec.digestSizes().get(algorithm);
            if (size == null) {
                throw reader.fail(field + ".hashAlg", algAt,
                        String.format("algorithm 0x%04x is not among those the header announces", algorithm));
            }
            Bytes digest = reader.bytes(size, field + ".digest");
            Optional<HashAlgorithm> bank = HashAlgorithm.byTcgId(algorithm);
            if (bank.isPresent() && digests.put(bank.get(), digest) != null) {
                throw reader.fail(field + ".hashAlg", algAt, "repeats algorithm " + bank.get().bankName());
            }
        }
        return new Event(events.size(), start, pcr, type, digests, eventData());
    }

    private int begin() {
        reader.item("event " + events.size());
        return reader.position();
    }

    /** Windows logs EV_NO_ACTION events at PCR 0xffffffff; only events that extend need a real PCR. */
    private int pcrIndex(long pcr, EventType type, int at) {
        if (pcr > MAX_PCR && type != EventType.Tcg.EV_NO_ACTION) {
            throw reader.fail("pcrIndex", at, "PCR " + pcr + " does not exist (0 to " + MAX_PCR + ")");
        }
        return (int) pcr;
    }

    private Bytes eventData() {
        long size = reader.u32("eventSize");
        return reader.bytes(reader.length("eventSize", size), "event");
    }
}
