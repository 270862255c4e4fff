package dev.custody.eventlog;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code eventlog show}, {@code replay}, {@code check} and {@code diff} print: each result as
 * the lines of text a person reads (untrusted names escaped) and as the JSON object a script reads
 * (exact text). {@code name} is where the log came from, as the user named it.
 */
public final class LogReports {
    private LogReports() {}

    /** Every event of a log in human terms, and the events whose digest does not match their data. */
    public static List<String> showText(String name, EventLog log, List<DigestCheck.Mismatch> mismatches) {
        List<String> lines = new ArrayList<>();
        lines.add(TerminalText.format("%s: %s, %d events, banks %s", name, log.format().description(),
                log.events().size(), String.join(", ", log.banksPresent().stream().map(HashAlgorithm::bankName).toList())));
        for (Event event : log.events()) {
            lines.add(TerminalText.format("%4d  PCR %-3s %-34s %s", event.index(), pcr(event), event.type().name(),
                    EventDecoder.decode(event, log.format()).describe()));
        }
        mismatches.forEach(m -> lines.add("digest check: " + TerminalText.escape(m.describe())));
        log.notes().forEach(n -> lines.add("note: " + TerminalText.escape(n)));
        return lines;
    }

    public static Map<String, Object> showJson(String name, EventLog log, List<DigestCheck.Mismatch> mismatches) {
        return object("file", name,
                "format", log.format().id(),
                "banks", log.banksPresent().stream().map(HashAlgorithm::bankName).toList(),
                "events", log.events().stream().map(e -> event(e, log)).toList(),
                "digestMismatches", mismatches.stream().map(LogReports::mismatch).toList(),
                "notes", log.notes());
    }

    private static Map<String, Object> event(Event event, EventLog log) {
        Map<String, Object> digests = object();
        event.digests().forEach((bank, digest) -> digests.put(bank.bankName(), digest.hex()));
        return object("index", event.index(),
                "offset", event.offset(),
                "pcr", pcr(event),
                "type", event.type().name(),
                "typeCode", String.format("0x%08x", event.type().code()),
                "digests", digests,
                "description", EventDecoder.decode(event, log.format()).describe(),
                "data", event.data().hex());
    }

    private static Map<String, Object> mismatch(DigestCheck.Mismatch mismatch) {
        return object("event", mismatch.event().index(),
                "pcr", pcr(mismatch.event()),
                "banks", mismatch.banks().stream().map(HashAlgorithm::bankName).toList(),
                "message", mismatch.describe());
    }

    private static String pcr(Event event) {
        return Integer.toUnsignedString(event.pcr());
    }

    /** The PCR values a log replays to, per bank; headed by the log's name when several are shown. */
    public static List<String> replayText(String name, Replay replay, boolean withName) {
        List<String> lines = new ArrayList<>();
        if (withName) {
            lines.add(TerminalText.escape(name) + ":");
        }
        replay.pcrs().forEach((bank, values) -> {
            lines.add(bank.bankName() + ":");
            values.forEach((pcr, value) -> lines.add(String.format("  %2d: %s", pcr, value.hex())));
        });
        replay.warnings().forEach(w -> lines.add("warning: " + TerminalText.escape(w)));
        return lines;
    }

    public static Map<String, Object> replayJson(String name, Replay replay, boolean withName) {
        Map<String, Object> out = withName ? object("file", name) : object();
        out.put("pcrs", PcrValues.toJson(replay.pcrs()));
        out.put("warnings", replay.warnings());
        return out;
    }

    /** Each PCR's verdict, the values behind a mismatch, the warnings and the overall result. */
    public static List<String> checkText(PcrCheck.Report report) {
        List<String> lines = new ArrayList<>();
        for (PcrCheck.PcrResult result : report.results()) {
            lines.add(TerminalText.format("%-7s PCR %2d  %s", result.bank().bankName(), result.pcr(), result.verdict().describe()));
            if (result.verdict() instanceof PcrCheck.Mismatch) {
                lines.add("                log replays to " + result.replayed().hex());
                lines.add("                actual value   " + result.actual().map(Bytes::hex).orElse("(none)"));
            }
        }
        report.warnings().forEach(w -> lines.add("warning: " + TerminalText.escape(w)));
        long pcrs = report.results().stream().map(PcrCheck.PcrResult::pcr).distinct().count();
        lines.add(report.allMatch() ? "result: every PCR the log touches matches (" + pcrs + " PCRs)"
                : "result: MISMATCH: the PCRs do not match this log");
        return lines;
    }

    public static Map<String, Object> checkJson(String name, PcrCheck.Report report) {
        return object("file", name,
                "result", report.allMatch() ? "match" : "mismatch",
                "pcrs", report.results().stream().map(LogReports::result).toList(),
                "warnings", report.warnings());
    }

    private static Map<String, Object> result(PcrCheck.PcrResult result) {
        return object("bank", result.bank().bankName(),
                "pcr", String.valueOf(result.pcr()),
                "replayed", result.replayed().hex(),
                "actual", result.actual().map(Bytes::hex).orElse(null),
                "verdict", switch (result.verdict()) {
                    case PcrCheck.Match m -> "match";
                    case PcrCheck.MatchWithWorkaround w -> "match-with-workaround";
                    case PcrCheck.Mismatch m -> "mismatch";
                    case PcrCheck.NotAvailable n -> "not-available";
                },
                "explanation", result.verdict().describe());
    }

    /** Which PCRs differ between two logs, and the events that changed, appeared or disappeared. */
    public static List<String> diffText(LogDiff.Result diff) {
        if (diff.identical()) {
            return List.of("no differences (" + diff.bank().bankName() + " bank)");
        }
        List<String> lines = new ArrayList<>();
        lines.add("PCRs that differ (" + diff.bank().bankName() + " bank):");
        for (LogDiff.PcrDiff pcr : diff.pcrs()) {
            if (pcr.changes().isEmpty()) {
                lines.add(String.format("PCR %d: values differ but its events are the same (start value or locality differs)",
                        pcr.pcr()));
            }
            pcr.changes().forEach(change -> lines.add(TerminalText.format("PCR %d: %s", pcr.pcr(), change.description())));
        }
        return lines;
    }

    public static Map<String, Object> diffJson(String oldName, String newName, LogDiff.Result diff) {
        return object("old", oldName,
                "new", newName,
                "bank", diff.bank().bankName(),
                "identical", diff.identical(),
                "pcrs", diff.pcrs().stream().map(LogReports::pcrDiff).toList());
    }

    private static Map<String, Object> pcrDiff(LogDiff.PcrDiff pcr) {
        return object("pcr", String.valueOf(pcr.pcr()),
                "old", pcr.before().map(Bytes::hex).orElse(null),
                "new", pcr.after().map(Bytes::hex).orElse(null),
                "changes", pcr.changes().stream().map(LogReports::change).toList());
    }

    private static Map<String, Object> change(LogDiff.Change change) {
        return object("kind", change.kind().name().toLowerCase(Locale.ROOT),
                "description", change.description(),
                "oldEvent", change.before().map(Event::index).orElse(null),
                "newEvent", change.after().map(Event::index).orElse(null));
    }
}
