package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads coreboot's own CBMEM table ("TPM CB log", formerly "TCPA log"): a u16 max_entries and
 * u16 num_entries, then fixed 132-byte entries {pcr, digest type name[10], digest[64],
 * digest length, name[50]}. The table is allocated for max_entries, so its tail is zero.
 */
final class CorebootTableParser {
    static final int ENTRY_SIZE = 4 + 10 + 64 + 4 + 50;
    private static final int HEADER_SIZE = 4;

    private CorebootTableParser() {}

    /** The table has no magic, so it is recognised by a consistent header and a known digest name in entry 0. */
    static boolean looksLikeTable(byte[] data) {
        if (data.length < HEADER_SIZE + ENTRY_SIZE) {
            return false;
        }
        ByteReader r = new ByteReader(data);
        int max = r.u16("max_entries");
        int count = r.u16("num_entries");
        if (count == 0 || count > max || HEADER_SIZE + (long) count * ENTRY_SIZE > data.length) {
            return false;
        }
        r.skip(4, "pcr");
        return digestType(r.bytes(10, "digest_type")).isPresent();
    }

    static EventLog parse(byte[] data) {
        ByteReader r = new ByteReader(data);
        int max = r.u16("max_entries");
        int count = r.u16("num_entries");
        if (count > max) {
            throw r.fail("num_entries", 2, "is " + count + ", more than max_entries " + max);
        }
        List<Event> events = new ArrayList<>();
        Set<HashAlgorithm> banks = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            Event event = entry(r, i);
            banks.addAll(event.digests().keySet());
            events.add(event);
        }
        List<String> notes = new ArrayList<>();
        if (r.remaining() > 0) {
            if (!r.restIsZero()) {
                throw r.fail("entries", r.position(), "non-zero data after the last of " + count + " entries");
            }
            notes.add(String.format("ignored %d bytes of zero padding (unused table entries) at offset 0x%x",
                    r.remaining(), r.position()));
        }
        return new EventLog(LogFormat.COREBOOT_TABLE, List.copyOf(banks), events, notes);
    }

    private static Event entry(ByteReader r, int index) {
        r.item("event " + index);
        int start = r.position();
        int pcrAt = r.position();
        long pcr = r.u32("pcr");
        if (pcr > 31) {
            throw r.fail("pcr", pcrAt, "PCR " + pcr + " does not exist (0 to 31)");
        }
        int typeAt = r.position();
        Bytes typeName = r.bytes(10, "digest_type");
        HashAlgorithm algorithm = digestType(typeName).orElseThrow(() -> r.fail("digest_type", typeAt,
                "unknown digest type \"" + cString(typeName) + "\""));
        Bytes digest = r.bytes(64, "digest");
        int lengthAt = r.position();
        long length = r.u32("digest_length");
        if (length != algorithm.digestLength()) {
            throw r.fail("digest_length", lengthAt, "is " + length + " but " + algorithm.bankName()
                    + " digests are " + algorithm.digestLength() + " bytes");
        }
        Bytes name = r.bytes(50, "name");
        Bytes data = Bytes.of(cString(name).getBytes(StandardCharsets.US_ASCII));
        return new Event(index, start, (int) pcr, EventType.Tcg.EV_ACTION,
                Map.of(algorithm, digest.slice(0, (int) length)), data);
    }

    private static Optional<HashAlgorithm> digestType(Bytes field) {
        String name = cString(field);
        return name.isEmpty() ? Optional.empty() : HashAlgorithm.byName(name);
    }

    static String cString(Bytes field) {
        byte[] raw = field.toArray();
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }
}
