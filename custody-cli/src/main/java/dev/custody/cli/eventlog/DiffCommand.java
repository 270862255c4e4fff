package dev.custody.cli.eventlog;

import dev.custody.common.TerminalText;
import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.Event;
import dev.custody.eventlog.LogDiff;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two logs, e.g. the last known-good boot with this one: which PCRs differ and which "
                + "events changed, appeared or disappeared.", "Exit code 0 whether or not they differ."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "The reference log ('host' for this machine's).")
    String before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The log to compare with it ('host' for this machine's).")
    String after;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        LogInput old = LogInput.load(before);
        LogInput now = LogInput.load(after);
        LogDiff.Result diff = LogDiff.diff(old.log(), now.log());
        output.print(() -> json(old.name(), now.name(), diff), out -> text(diff, out));
        return 0;
    }

    private static void text(LogDiff.Result diff, PrintWriter out) {
        if (diff.identical()) {
            out.println("no differences (" + diff.bank().bankName() + " bank)");
            return;
        }
        out.println("PCRs that differ (" + diff.bank().bankName() + " bank):");
        for (LogDiff.PcrDiff pcr : diff.pcrs()) {
            if (pcr.changes().isEmpty()) {
                out.printf("PCR %d: values differ but its events are the same (start value or locality differs)%n", pcr.pcr());
            }
            pcr.changes().forEach(change -> out.print(TerminalText.format("PCR %d: %s%n", pcr.pcr(), change.description())));
        }
    }

    private static Map<String, Object> json(String oldName, String newName, LogDiff.Result diff) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("old", oldName);
        root.put("new", newName);
        root.put("bank", diff.bank().bankName());
        root.put("identical", diff.identical());
        root.put("pcrs", diff.pcrs().stream().map(DiffCommand::pcr).toList());
        return root;
    }

    private static Map<String, Object> pcr(LogDiff.PcrDiff pcr) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pcr", String.valueOf(pcr.pcr()));
        out.put("old", pcr.before().map(Bytes::hex).orElse(null));
        out.put("new", pcr.after().map(Bytes::hex).orElse(null));
        out.put("changes", pcr.changes().stream().map(DiffCommand::change).toList());
        return out;
    }

    private static Map<String, Object> change(LogDiff.Change change) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
        out.put("description", change.description());
        out.put("oldEvent", change.before().map(Event::index).orElse(null));
        out.put("newEvent", change.after().map(Event::index).orElse(null));
        return out;
    }
}
