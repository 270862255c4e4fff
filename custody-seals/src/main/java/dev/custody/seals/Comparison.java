package dev.custody.seals;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The result of comparing a seal photo with its reference.
 *
 * @param score how alike the seal is, 0 (nothing alike) to 1 (identical); the verdict is
 *     decided from it and from the checks that lead to {@link Verdict#CANNOT_VERIFY}
 * @param regions changed regions in the new photo's coordinates; empty when intact
 * @param reasons plain sentences a user can act on, e.g. "photo is too blurred"
 * @param evidence the images the report and heat map are made of
 */
public record Comparison(Verdict verdict, double score, List<Region> regions, Alignment alignment,
                         List<String> reasons, List<ParticleChange> particles, Evidence evidence,
                         List<StageTime> stages) {
    public Comparison {
        regions = List.copyOf(regions);
        reasons = List.copyOf(reasons);
        particles = List.copyOf(particles);
        stages = List.copyOf(stages);
    }

    /**
     * The aligned reference and the new photo, the same size, pixel for pixel comparable, a heat
     * map of the differences the same size (colour, ready to write as PNG), and the box around the
     * seal in the new photo's pixels. Any of them may be null when the comparison stopped before
     * alignment (cannot-verify).
     */
    public record Evidence(BufferedImage alignedReference, BufferedImage photo, BufferedImage heatmap, Region seal) {}
}
