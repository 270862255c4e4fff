package dev.custody.cli.seals;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import dev.custody.seals.Comparison;
import dev.custody.seals.Verdict;
import dev.custody.seals.report.ComparisonJson;
import dev.custody.seals.report.EvidenceImages;
import dev.custody.seals.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Mixin
    JsonOutput json;

    @Option(names = "--report", paramLabel = "OUT.html",
            description = "Write the evidence as one self-contained HTML page: blink view, heat map, changed regions.")
    Path report;

    @Option(names = "--heatmap", paramLabel = "OUT.png", description = "Write the heat map of differences as PNG.")
    Path heatmap;

    /** Prints the result, writes the requested files and returns the exit code. */
    int show(Comparison comparison, HtmlReport.Subject subject, Map<String, Object> extraJson, List<String> extraLines) {
        if (report != null) {
            HtmlReport.write(report, comparison, subject);
        }
        boolean heatmapWritten = heatmap != null && EvidenceImages.writeHeatmap(comparison, heatmap);
        if (json.requested()) {
            Map<String, Object> out = ComparisonJson.of(comparison);
            out.putAll(extraJson);
            System.out.println(Json.write(out));
        } else {
            summary(comparison, extraLines);
        }
        // With --json stdout is only JSON, so file notes go to stderr.
        var notes = json.requested() ? System.err : System.out;
        if (report != null) {
            notes.println("Report: " + report);
        }
        if (heatmap != null) {
            notes.println(heatmapWritten ? "Heat map: " + heatmap
                    : "No heat map written: the comparison stopped before the photos were aligned.");
        }
        return exitCode(comparison.verdict());
    }

    static int exitCode(Verdict verdict) {
        return switch (verdict) {
            case INTACT -> INTACT;
            case TAMPERED -> TAMPERED;
            case CANNOT_VERIFY -> CANNOT_VERIFY;
        };
    }

    private static void summary(Comparison c, List<String> extraLines) {
        String headline = switch (c.verdict()) {
            case INTACT -> "INTACT: the seal matches its reference";
            case TAMPERED -> "TAMPERED: the seal differs from its reference";
            case CANNOT_VERIFY -> "CANNOT VERIFY: this photo cannot show whether the seal is intact";
        };
        System.out.printf(Locale.ROOT, "%s (score %.3f, 1 = identical)%n", headline, c.score());
        c.reasons().forEach(reason -> System.out.println("  - " + TerminalText.escape(reason)));
        if (c.alignment() != null) {
            System.out.printf(Locale.ROOT, "Alignment: %d matched features, residual %.2f px%n",
                    c.alignment().inliers(), c.alignment().rmsError());
        }
        if (!c.regions().isEmpty()) {
            System.out.println("Changed regions: " + c.regions().size() + " (outlined in --report)");
        }
        if (!c.particles().isEmpty()) {
            System.out.println("Glitter particles changed: " + c.particles().size());
        }
        extraLines.forEach(System.out::println);
    }
}
