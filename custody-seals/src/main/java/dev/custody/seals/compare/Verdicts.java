package dev.custody.seals.compare;

import dev.custody.seals.Alignment;
import dev.custody.seals.Comparison;
import dev.custody.seals.Verdict;
import java.util.List;

/** Early endings of a comparison: nothing could be verified, so nothing is called intact. */
final class Verdicts {
    private Verdicts() {}

    static Comparison cannotVerify(String reason, Alignment alignment, Stopwatch clock) {
        return new Comparison(Verdict.CANNOT_VERIFY, 0, List.of(), alignment, List.of(reason), List.of(),
                new Comparison.Evidence(null, null, null, null), clock.stages());
    }
}
