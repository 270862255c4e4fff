package dev.custody.seals;

import dev.custody.seals.compare.SealComparison;
import java.awt.image.BufferedImage;
import java.util.Optional;

/** Compares a new photo of a seal with its reference photo. */
public final class SealComparator {
    private SealComparator() {}

    /**
     * @param roi the part of the reference that shows the seal; empty for the whole photo
     */
    public static Comparison compare(BufferedImage reference, Optional<Region> roi, BufferedImage photo) {
        return SealComparison.run(reference, roi, photo);
    }
}
