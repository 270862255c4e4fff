package dev.custody.cli.eventlog;

import dev.custody.eventlog.DigestCheck;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.LogInput;
import dev.custody.eventlog.LogReports;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"List every event of a log in human terms, and flag events whose digest does not match their data.",
            "--json formats: see the README."})
public final class ShowCommand implements Callable<Integer> {
    @Mixin LogFile logFile;

    @Mixin Output output;

    @Override
    public Integer call() throws Exception {
        LogInput input = logFile.load();
        EventLog log = input.log();
        List<DigestCheck.Mismatch> mismatches = DigestCheck.check(log);
        output.print(() -> LogReports.showJson(input.name(), log, mismatches),
                () -> LogReports.showText(input.name(), log, mismatches));
        return 0;
    }
}
