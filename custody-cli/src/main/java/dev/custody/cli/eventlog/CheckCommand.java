package dev.custody.cli.eventlog;

import dev.custody.attest.TpmPcrs;
import dev.custody.eventlog.LogInput;
import dev.custody.eventlog.LogReports;
import dev.custody.eventlog.PcrCheck;
import dev.custody.eventlog.PcrValues;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Replay a log and compare it with actual PCR values, per PCR and bank.",
            "Exit code 0 only when every PCR the log touches matches; 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {
    private static final int MISMATCH = 1;

    @Mixin LogFile logFile;

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    static final class Source {
        @Option(names = "--pcrs", paramLabel = "PCRS.json", description = "PCR values: JSON as replay --json prints it, or tpm2_pcrread output.")
        Path pcrs;

        @Option(names = "--tpm", paramLabel = "SPEC", description = "Read PCRs from a TPM: device:PATH, swtpm:HOST:PORT or vtpm:DIR.") String tpm;
    }

    @Mixin Output output;

    @Override
    public Integer call() throws Exception {
        LogInput input = logFile.load();
        PcrValues actual = source.pcrs != null ? PcrValues.read(source.pcrs) : TpmPcrs.forLog(TpmSpec.parse(source.tpm), input.log());
        PcrCheck.Report report = PcrCheck.check(input.log(), actual);
        output.print(() -> LogReports.checkJson(input.name(), report), () -> LogReports.checkText(report));
        return report.allMatch() ? 0 : MISMATCH;
    }
}
