package dev.custody.cli.seals;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.seals.Comparison;
import dev.custody.seals.Verdict;
import dev.custody.seals.report.ComparisonJson;
import dev.custody.seals.report.ComparisonSummary;
import dev.custody.seals.report.EvidenceFiles;
import dev.custody.seals.report.HtmlReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code seals compare} and {@code seals check} report: a summary or JSON on stdout, the
 * evidence files on request, and an exit code a script can branch on.
 */
final class ComparisonOutput {
    static final int INTACT = 0;
    static final int TAMPERED = 3;
    static final int CANNOT_VERIFY = 4;

    @Mixin JsonOutput json;

    @Option(names = "--report", paramLabel = "OUT.html",
            description = "Write the evidence as one self-contained HTML page: blink view, heat map, changed regions.")
    Path report;

    @Option(names = "--heatmap", paramLabel = "OUT.png", description = "Write the heat map of differences as PNG.") Path heatmap;

    /** Prints the result, writes the requested files and returns the exit code. */
    int show(Comparison comparison, HtmlReport.Subject subject, Map<String, Object> extraJson, List<String> extraLines) {
        List<String> notes = EvidenceFiles.write(comparison, subject, Optional.ofNullable(report), Optional.ofNullable(heatmap));
        if (json.requested()) {
            Map<String, Object> out = ComparisonJson.of(comparison);
            out.putAll(extraJson);
            System.out.println(Json.write(out));
        } else {
            ComparisonSummary.lines(comparison).forEach(System.out::println);
            extraLines.forEach(System.out::println);
        }
        // With --json stdout is only JSON, so file notes go to stderr.
        PrintStream notesOut = json.requested() ? System.err : System.out;
        notes.forEach(notesOut::println);
        return exitCode(comparison.verdict());
    }

    static int exitCode(Verdict verdict) {
        return switch (verdict) {
            case INTACT -> INTACT;
            case TAMPERED -> TAMPERED;
            case CANNOT_VERIFY -> CANNOT_VERIFY;
        };
    }
}
