package dev.custody.cli.eventlog;

import dev.custody.eventlog.LogDiff;
import dev.custody.eventlog.LogInput;
import dev.custody.eventlog.LogReports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two logs, e.g. the last known-good boot with this one: which PCRs differ and which "
                + "events changed, appeared or disappeared.", "Exit code 0 whether or not they differ."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "The reference log ('host' for this machine's).") String before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The log to compare with it ('host' for this machine's).") String after;

    @Mixin Output output;

    @Override
    public Integer call() throws Exception {
        LogInput old = LogInput.load(before);
        LogInput now = LogInput.load(after);
        LogDiff.Result diff = LogDiff.diff(old.log(), now.log());
        output.print(() -> LogReports.diffJson(old.name(), now.name(), diff), () -> LogReports.diffText(diff));
        return 0;
    }
}
