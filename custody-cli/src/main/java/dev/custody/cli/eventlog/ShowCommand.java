package dev.custody.cli.eventlog;

import dev.custody.common.TerminalText;
import dev.custody.eventlog.DigestCheck;
import dev.custody.eventlog.Event;
import dev.custody.eventlog.EventDecoder;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.HashAlgorithm;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"List every event of a log in human terms, and flag events whose digest does not match their data.",
            "--json formats: see the README."})
final class ShowCommand implements Callable<Integer> {
    @Mixin
    LogFile logFile;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        LogInput input = logFile.load();
        EventLog log = input.log();
        List<DigestCheck.Mismatch> mismatches = DigestCheck.check(log);
        output.print(() -> json(input, mismatches), out -> text(input, mismatches, out));
        return 0;
    }

    private static void text(LogInput input, List<DigestCheck.Mismatch> mismatches, PrintWriter out) {
        EventLog log = input.log();
        out.print(TerminalText.format("%s: %s, %d events, banks %s%n", input.name(), log.format().description(),
                log.events().size(), String.join(", ", log.banksPresent().stream().map(HashAlgorithm::bankName).toList())));
        for (Event event : log.events()) {
            out.print(TerminalText.format("%4d  PCR %-3s %-34s %s%n", event.index(), pcr(event), event.type().name(),
                    EventDecoder.decode(event, log.format()).describe()));
        }
        mismatches.forEach(m -> out.println("digest check: " + TerminalText.escape(m.describe())));
        log.notes().forEach(n -> out.println("note: " + TerminalText.escape(n)));
    }

    private static Map<String, Object> json(LogInput input, List<DigestCheck.Mismatch> mismatches) {
        EventLog log = input.log();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", input.name());
        root.put("format", log.format().id());
        root.put("banks", log.banksPresent().stream().map(HashAlgorithm::bankName).toList());
        root.put("events", log.events().stream().map(e -> event(e, log)).toList());
        root.put("digestMismatches", mismatches.stream().map(ShowCommand::mismatch).toList());
        root.put("notes", log.notes());
        return root;
    }

    private static Map<String, Object> event(Event event, EventLog log) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", event.index());
        out.put("offset", event.offset());
        out.put("pcr", pcr(event));
        out.put("type", event.type().name());
        out.put("typeCode", String.format("0x%08x", event.type().code()));
        Map<String, Object> digests = new LinkedHashMap<>();
        event.digests().forEach((bank, digest) -> digests.put(bank.bankName(), digest.hex()));
        out.put("digests", digests);
        out.put("description", EventDecoder.decode(event, log.format()).describe());
        out.put("data", event.data().hex());
        return out;
    }

    private static Map<String, Object> mismatch(DigestCheck.Mismatch mismatch) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", mismatch.event().index());
        out.put("pcr", pcr(mismatch.event()));
        out.put("banks", mismatch.banks().stream().map(HashAlgorithm::bankName).toList());
        out.put("message", mismatch.describe());
        return out;
    }

    private static String pcr(Event event) {
        return Integer.toUnsignedString(event.pcr());
    }
}
