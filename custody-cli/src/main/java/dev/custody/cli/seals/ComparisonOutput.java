package dev.custody.cli.seals;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import dev.custody.seals.Comparison;
import dev.custody.seals.ParticleChange;
import dev.custody.seals.Region;
import dev.custody.seals.StageTime;
import dev.custody.seals.Verdict;
import dev.custody.seals.report.EvidenceImages;
import dev.custody.seals.report.HtmlReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
            Map<String, Object> out = toJson(comparison);
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

    static Map<String, Object> toJson(Comparison c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", c.verdict().word());
        out.put("score", decimals(c.score(), 4));
        out.put("regions", c.regions().stream().map(ComparisonOutput::region).toList());
        Map<String, Object> alignment = new LinkedHashMap<>();
        alignment.put("inliers", c.alignment() == null ? 0 : c.alignment().inliers());
        alignment.put("rmsError", c.alignment() == null ? null : decimals(c.alignment().rmsError(), 3));
        out.put("alignment", alignment);
        out.put("reasons", c.reasons());
        out.put("particles", c.particles().stream().map(ComparisonOutput::particle).toList());
        out.put("stages", c.stages().stream().map(ComparisonOutput::stage).toList());
        return out;
    }

    private static Map<String, Object> region(Region r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("x", r.x());
        out.put("y", r.y());
        out.put("w", r.w());
        out.put("h", r.h());
        return out;
    }

    private static Map<String, Object> particle(ParticleChange p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        out.put("x", decimals(p.x(), 1));
        out.put("y", decimals(p.y(), 1));
        return out;
    }

    private static Map<String, Object> stage(StageTime s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", s.stage());
        out.put("ms", decimals(s.took().toNanos() / 1e6, 1));
        return out;
    }

    /**
     * A fixed number of decimals, written plainly (a double would print 0.0004 as 4.0E-4); NaN or
     * infinity would not be JSON, so they become null.
     */
    private static BigDecimal decimals(double value, int scale) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP) : null;
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
