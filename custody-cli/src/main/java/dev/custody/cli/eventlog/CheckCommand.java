package dev.custody.cli.eventlog;

import dev.custody.attest.TpmPcrs;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.EventLog;
import dev.custody.eventlog.PcrCheck;
import dev.custody.eventlog.PcrValues;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Replay a log and compare it with actual PCR values, per PCR and bank.",
            "Exit code 0 only when every PCR the log touches matches; 1 otherwise."})
final class CheckCommand implements Callable<Integer> {
    private static final int MISMATCH = 1;

    @Mixin
    LogFile logFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--pcrs", paramLabel = "PCRS.json", description = "PCR values: JSON as replay --json prints it, or tpm2_pcrread output.")
        Path pcrs;

        @Option(names = "--tpm", paramLabel = "SPEC", description = "Read PCRs from a TPM: device:PATH, swtpm:HOST:PORT or vtpm:DIR.")
        String tpm;
    }

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        LogInput input = logFile.load();
        PcrValues actual = source.pcrs != null ? fromFile(source.pcrs) : fromTpm(source.tpm, input.log());
        PcrCheck.Report report = PcrCheck.check(input.log(), actual);
        output.print(() -> json(input.name(), report), out -> text(report, out));
        return report.allMatch() ? 0 : MISMATCH;
    }

    private static PcrValues fromFile(Path file) throws IOException {
        try {
            return PcrValues.parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static PcrValues fromTpm(String spec, EventLog log) {
        try (Tpm tpm = Tpms.open(TpmSpec.parse(spec))) {
            return TpmPcrs.forLog(tpm, log);
        }
    }

    private static void text(PcrCheck.Report report, PrintWriter out) {
        for (PcrCheck.PcrResult result : report.results()) {
            out.print(TerminalText.format("%-7s PCR %2d  %s%n", result.bank().bankName(), result.pcr(), result.verdict().describe()));
            if (result.verdict() instanceof PcrCheck.Mismatch) {
                out.printf("                log replays to %s%n", result.replayed().hex());
                out.printf("                actual value   %s%n", result.actual().map(Bytes::hex).orElse("(none)"));
            }
        }
        report.warnings().forEach(w -> out.println("warning: " + TerminalText.escape(w)));
        long pcrs = report.results().stream().map(PcrCheck.PcrResult::pcr).distinct().count();
        out.println(report.allMatch() ? "result: every PCR the log touches matches (" + pcrs + " PCRs)"
                : "result: MISMATCH: the PCRs do not match this log");
    }

    private static Map<String, Object> json(String name, PcrCheck.Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", name);
        root.put("result", report.allMatch() ? "match" : "mismatch");
        root.put("pcrs", report.results().stream().map(CheckCommand::result).toList());
        root.put("warnings", report.warnings());
        return root;
    }

    private static Map<String, Object> result(PcrCheck.PcrResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bank", result.bank().bankName());
        out.put("pcr", String.valueOf(result.pcr()));
        out.put("replayed", result.replayed().hex());
        out.put("actual", result.actual().map(Bytes::hex).orElse(null));
        out.put("verdict", switch (result.verdict()) {
            case PcrCheck.Match m -> "match";
            case PcrCheck.MatchWithWorkaround w -> "match-with-workaround";
            case PcrCheck.Mismatch m -> "mismatch";
            case PcrCheck.NotAvailable n -> "not-available";
        });
        out.put("explanation", result.verdict().describe());
        return out;
    }
}
