package dev.custody.seals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comparator's stages in order, for a progress line: which step runs after each {@link StageTime}. */
public final class ComparisonStages {
    /** What runs first, before any stage has finished. */
    public static final String FIRST = "finding the seal in the reference";
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

    private ComparisonStages() {}

    /** A step: its number from 1 to {@link #count()}, and what it does. */
    public record Step(int number, String what) {}

    public static int count() {
        return ORDER.size();
    }

    /** The step that runs once stage {@code done} finished; none after the last. */
    public static Optional<Step> after(String done) {
        return Optional.ofNullable(NEXT.get(done)).map(next -> new Step(ORDER.indexOf(done) + 2, next));
    }
}
