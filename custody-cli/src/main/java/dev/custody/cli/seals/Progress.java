package dev.custody.cli.seals;

import dev.custody.seals.Comparison;
import dev.custody.seals.StageTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One line on the terminal (stderr) saying which stage of the comparison runs, rewritten as each
 * stage finishes; nothing when the output is not a terminal, so scripts and JSON stay clean.
 */
final class Progress {
    /** What runs after each stage, in the comparator's order. */
    private static final Map<String, String> NEXT = Map.of(
            "seal", "finding the glitter's features",
            "features", "aligning the reference with the photo",
            "alignment", "refining the alignment over the seal",
            "refinement", "comparing the glitter cell by cell",
            "comparison", "locating changed flakes",
            "particles", "drawing the evidence");
    private static final List<String> ORDER = List.of("seal", "features", "alignment", "refinement", "comparison",
            "particles", "evidence");

    private Progress() {}

    static Comparison comparing(Function<Consumer<StageTime>, Comparison> comparison) {
        if (System.console() == null) {
            return comparison.apply(stage -> { });
        }
        show(1, "finding the seal in the reference");
        try {
            return comparison.apply(done -> {
                String next = NEXT.get(done.stage());
                if (next != null) {
                    show(ORDER.indexOf(done.stage()) + 2, next);
                }
            });
        } finally {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }

    private static void show(int step, String what) {
        System.err.print("\r\033[KComparing the photos (" + step + "/" + ORDER.size() + "): " + what + "...");
        System.err.flush();
    }
}
