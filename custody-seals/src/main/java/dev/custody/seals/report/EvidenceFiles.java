package dev.custody.seals.report;

import dev.custody.seals.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The evidence files a comparison writes on request: the HTML report and the heat map. */
public final class EvidenceFiles {
    private EvidenceFiles() {}

    /** Writes each file asked for and says, a line each, where it went or why it was not written. */
    public static List<String> write(Comparison comparison, HtmlReport.Subject subject, Optional<Path> report,
                                     Optional<Path> heatmap) {
        report.ifPresent(file -> HtmlReport.write(file, comparison, subject));
        boolean heatmapWritten = heatmap.isPresent() && EvidenceImages.writeHeatmap(comparison, heatmap.get());
        List<String> notes = new ArrayList<>();
        report.ifPresent(file -> notes.add("Report: " + file));
        heatmap.ifPresent(file -> notes.add(heatmapWritten ? "Heat map: " + file
                : "No heat map written: the comparison stopped before the photos were aligned."));
        return notes;
    }
}
