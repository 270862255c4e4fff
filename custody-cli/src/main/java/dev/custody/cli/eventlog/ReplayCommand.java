package dev.custody.cli.eventlog;

import dev.custody.eventlog.LogInput;
import dev.custody.eventlog.LogReports;
import dev.custody.eventlog.Replay;
import dev.custody.eventlog.Replayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Compute the PCR values each log leads to, per bank, for every PCR it touches (or all 24).")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Logs; 'host' or none for this machine's.") List<String> files = new ArrayList<>();

    @Option(names = "--all-pcrs", description = {"Also list PCRs 0-23 the log leaves untouched, at their reset values",
        "(all-0xFF for the DRTM PCRs 17-22, zero for the others)."})
    boolean allPcrs;

    @Mixin Output output;

    @Override
    public Integer call() throws Exception {
        List<String> inputs = files.isEmpty() ? List.of(LogInput.HOST) : files;
        boolean several = inputs.size() > 1;
        List<Map.Entry<String, Replay>> replays = new ArrayList<>();
        for (String file : inputs) {
            LogInput input = LogInput.load(file);
            replays.add(Map.entry(input.name(), allPcrs ? Replayer.replayAllPcrs(input.log()) : Replayer.replay(input.log())));
        }
        output.print(() -> {
            List<Map<String, Object>> results = replays.stream()
                    .map(r -> LogReports.replayJson(r.getKey(), r.getValue(), several)).toList();
            return several ? results : results.getFirst();
        }, () -> replays.stream().flatMap(r -> LogReports.replayText(r.getKey(), r.getValue(), several).stream()).toList());
        return 0;
    }
}
