package dev.custody.seals.synth;

import dev.custody.seals.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * True-positive against false-positive rate as the score threshold moves. A cannot-verify pair
 * counts as flagged at every threshold (its score plays no part: it is never intact).
 */
public final class Roc {
    private Roc() {}

    public record Point(double threshold, double truePositiveRate, double falsePositiveRate) {}

    public static Point at(List<Outcome> outcomes, double threshold) {
        long positives = 0, truePositives = 0, negatives = 0, falsePositives = 0;
        for (Outcome o : outcomes) {
            boolean flagged = o.verdict() == Verdict.CANNOT_VERIFY || o.score() < threshold;
            if (o.kind() == PairKind.GENUINE) {
                negatives++;
                falsePositives += flagged ? 1 : 0;
            } else {
                positives++;
                truePositives += flagged ? 1 : 0;
            }
        }
        return new Point(threshold, positives == 0 ? 0 : truePositives / (double) positives,
                negatives == 0 ? 0 : falsePositives / (double) negatives);
    }

    public static String table(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder("| score threshold | true-positive rate | false-positive rate |\n|---|---|---|\n");
        for (int i = 0; i <= 20; i++) {
            Point p = at(outcomes, i * 0.05);
            out.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f |%n", p.threshold(), p.truePositiveRate(),
                    p.falsePositiveRate()));
        }
        return out.toString();
    }
}
