package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code cbmem -L} prints, in its three shapes: coreboot's own table
 * ("coreboot TPM log:" or, in older releases, "coreboot TCPA log:"), and the TCG logs it decodes
 * ("TCPA log:" for CBT1, "TPM2 log:" for CBT2).
 */
final class CbmemTextParser {
    private static final List<String> TABLE_HEADERS = List.of("coreboot TPM log:", "coreboot TCPA log:");
    private static final List<String> TCG_HEADERS = List.of("TCPA log:", "TPM2 log:");
    private static final Pattern TABLE_LINE = Pattern.compile("PCR-(\\d{1,2}) ([0-9a-fA-F]+) (\\S+) \\[(.*)]");
    private static final Pattern ENTRY = Pattern.compile("(?:TCPA|TPM2) log entry (\\d+):");
    private static final Pattern DIGEST = Pattern.compile("(?:Digest|(\\w+)): ([0-9a-fA-F]+)");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unknown \\(0x([0-9a-fA-F]+) >= \\d+\\)");
    /** cbmem's names for event types, indexed by type code (util/cbmem). */
    private static final List<String> TYPE_NAMES = List.of("Reserved", "POST code", "Unused", "No action",
            "Separator", "Action", "Event tag", "S-CRTM contents", "S-CRTM version", "CPU microcode",
            "Platform configuration flags", "Table of devices", "Compact hash", "IPL", "IPL partition data",
            "Non-host code", "Non-host configuration", "Non-host information", "Omit boot device events");

    private final List<String> lines;
    private final List<Integer> lineOffsets = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final Set<HashAlgorithm> banks = new LinkedHashSet<>();

    private CbmemTextParser(String text) {
        this.lines = List.of(text.split("\n", -1));
        int offset = 0;
        for (String line : lines) {
            lineOffsets.add(offset);
            offset += line.length() + 1;
        }
    }

    static boolean looksLikeCbmemText(byte[] data) {
        return header(new String(data, 0, Math.min(data.length, 256), StandardCharsets.ISO_8859_1)).isPresent();
    }

    static EventLog parse(byte[] data) {
        return new CbmemTextParser(new String(data, StandardCharsets.UTF_8).replace("\r", "")).parse();
    }

    private static Optional<String> header(String text) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return TABLE_HEADERS.contains(first) || TCG_HEADERS.contains(first) ? Optional.of(first) : Optional.empty();
    }

    private EventLog parse() {
        int headerLine = 0;
        while (lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        if (TABLE_HEADERS.contains(lines.get(headerLine).strip())) {
            tableLines(headerLine + 1);
        } else {
            tcgEntries(headerLine + 1);
        }
        return new EventLog(LogFormat.CBMEM_TEXT, List.copyOf(banks), events, List.of());
    }

    private void tableLines(int from) {
        for (int n = from; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = TABLE_LINE.matcher(line);
            if (!m.matches()) {
                throw fail(n, "expected \"PCR-<n> <digest> <algorithm> [<name>]\", found \"" + shorten(line) + "\"");
            }
            HashAlgorithm algorithm = algorithm(n, m.group(3));
            Bytes digest = digest(n, m.group(2), algorithm);
            add(n, Integer.parseInt(m.group(1)), EventType.Tcg.EV_ACTION, Map.of(algorithm, digest), m.group(4));
        }
    }

    private void tcgEntries(int from) {
        EntryBuilder entry = null;
        for (int n = from; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            Matcher start = ENTRY.matcher(line);
            if (start.matches()) {
                finish(entry);
                entry = new EntryBuilder(n);
            } else if (entry == null) {
                requirePreamble(n, line);
            } else {
                entry.accept(n, line, lines.get(n));
            }
        }
        finish(entry);
    }

    private void requirePreamble(int n, String line) {
        if (!line.isEmpty() && !line.startsWith("Specification:") && !line.startsWith("Platform class:")) {
            throw fail(n, "expected a log entry header, found \"" + shorten(line) + "\"");
        }
    }

    private void finish(EntryBuilder entry) {
        if (entry == null) {
            return;
        }
        if (entry.pcr < 0 || entry.type == null) {
            throw fail(entry.firstLine, "entry has no " + (entry.pcr < 0 ? "PCR" : "event type") + " line");
        }
        // The blank line that ends cbmem's output is not part of the last entry's data.
        String data = entry.data == null ? "" : entry.data.replaceFirst("\n+$", "");
        add(entry.firstLine, entry.pcr, entry.type, entry.digests, data);
    }

    private void add(int line, int pcr, EventType type, Map<HashAlgorithm, Bytes> digests, String data) {
        if (pcr > 31) {
            throw fail(line, "PCR " + pcr + " does not exist (0 to 31)");
        }
        banks.addAll(digests.keySet());
        events.add(new Event(events.size(), lineOffsets.get(line), pcr, type, digests,
                Bytes.of(data.getBytes(StandardCharsets.UTF_8))));
    }

    private HashAlgorithm algorithm(int line, String name) {
        return HashAlgorithm.byName(name).orElseThrow(() -> fail(line, "unknown digest algorithm \"" + shorten(name) + "\""));
    }

    private Bytes digest(int line, String hex, HashAlgorithm algorithm) {
        if (hex.length() != 2 * algorithm.digestLength()) {
            throw fail(line, algorithm.bankName() + " digest has " + hex.length() + " hex digits, expected "
                    + 2 * algorithm.digestLength());
        }
        return Bytes.fromHex(hex);
    }

    private EventType eventType(int line, String name) {
        int code = TYPE_NAMES.indexOf(name);
        if (code >= 0) {
            return EventType.of(code);
        }
        Matcher unknown = UNKNOWN_TYPE.matcher(name);
        if (unknown.matches() && unknown.group(1).length() <= 8) {
            return EventType.of(Long.parseLong(unknown.group(1), 16));
        }
        throw fail(line, "unknown event type \"" + shorten(name) + "\"");
    }

    private MalformedLogException fail(int line, String problem) {
        return new MalformedLogException("cbmem -L text, line " + (line + 1) + ": " + problem);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** Collects one "TCPA/TPM2 log entry N:" block. */
    private final class EntryBuilder {
        final int firstLine;
        int pcr = -1;
        EventType type;
        final Map<HashAlgorithm, Bytes> digests = new LinkedHashMap<>();
        String data;

        EntryBuilder(int firstLine) {
            this.firstLine = firstLine;
        }

        void accept(int n, String line, String raw) {
            Matcher digest = DIGEST.matcher(line);
            if (line.startsWith("PCR: ")) {
                pcr = number(n, line.substring(5));
            } else if (line.startsWith("Event type: ")) {
                type = eventType(n, line.substring(12));
            } else if (line.startsWith("Event data: ")) {
                data = raw.substring(raw.indexOf("Event data: ") + 12);
            } else if (line.equals("Event data not provided") || line.equals("Digests:")
                    || line.equals("No digests in this log entry")) {
                return;
            } else if (digest.matches() && data == null) {
                HashAlgorithm algorithm = digest.group(1) == null ? HashAlgorithm.SHA1 : algorithm(n, digest.group(1));
                digests.put(algorithm, digest(n, digest.group(2), algorithm));
            } else if (data != null) {
                data = data + "\n" + raw;
            } else if (!line.isEmpty()) {
                throw fail(n, "unexpected line \"" + shorten(line) + "\"");
            }
        }

        private int number(int n, String text) {
            if (!text.matches("\\d{1,2}")) {
                throw fail(n, "PCR \"" + shorten(text) + "\" is not a PCR number");
            }
            return Integer.parseInt(text);
        }
    }
}
