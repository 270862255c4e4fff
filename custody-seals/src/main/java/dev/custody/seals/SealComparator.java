package dev.custody.seals;

import dev.custody.seals.compare.SealComparison;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.Consumer;

/** Compares a new photo of a seal with its reference photo. */
public final class SealComparator {
    private SealComparator() {}

    /**
     * Where the seal (the glitter-covered area and what lies under it) is in a reference photo, as
     * the comparison will find it when no region is given, or why it cannot be delimited there.
     */
    public static SealSearch locate(BufferedImage reference) {
        return SealComparison.locate(reference);
    }

    /** Compares without reporting progress. */
    public static Comparison compare(BufferedImage reference, Optional<Region> roi, BufferedImage photo) {
        return compare(reference, roi, photo, stage -> { });
    }

    /**
     * @param roi the part of the reference that shows the seal; empty to find the seal automatically
     * @param progress told the name of each stage as it finishes (for a progress line on a terminal)
     */
    public static Comparison compare(BufferedImage reference, Optional<Region> roi, BufferedImage photo,
                                     Consumer<StageTime> progress) {
        return SealComparison.run(reference, roi, photo, progress);
    }
}
