package dev.custody.seals.report;

import dev.custody.common.TerminalText;
import dev.custody.seals.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A comparison as {@code seals compare} and {@code seals check} summarise it on the terminal. */
public final class ComparisonSummary {
    private ComparisonSummary() {}

    public static List<String> lines(Comparison c) {
        String headline = switch (c.verdict()) {
            case INTACT -> "INTACT: the seal matches its reference";
            case TAMPERED -> "TAMPERED: the seal differs from its reference";
            case CANNOT_VERIFY -> "CANNOT VERIFY: this photo cannot show whether the seal is intact";
        };
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s (score %.3f, 1 = identical)", headline, c.score()));
        c.reasons().forEach(reason -> lines.add("  - " + TerminalText.escape(reason)));
        if (c.alignment() != null) {
            lines.add(String.format(Locale.ROOT, "Alignment: %d matched features, residual %.2f px",
                    c.alignment().inliers(), c.alignment().rmsError()));
        }
        if (!c.regions().isEmpty()) {
            lines.add("Changed regions: " + c.regions().size() + " (outlined in --report)");
        }
        if (!c.particles().isEmpty()) {
            lines.add("Glitter particles changed: " + c.particles().size());
        }
        return lines;
    }
}
