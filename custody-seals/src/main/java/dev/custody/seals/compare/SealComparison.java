package dev.custody.seals.compare;

import boofcv.struct.geo.AssociatedPair;
import dev.custody.seals.Alignment;
import dev.custody.seals.Comparison;
import dev.custody.seals.ParticleChange;
import dev.custody.seals.Region;
import dev.custody.seals.SealSearch;
import dev.custody.seals.StageTime;
import dev.custody.seals.Verdict;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The comparison pipeline: grey, features at about one megapixel, RANSAC homography, a frame
 * around the seal in the photo at a modest resolution, residual flow for the dome, then structure
 * similarity cell by cell, changed regions and flakes.
 */
public final class SealComparison {
    /** Long side of the level features are found on: enough flakes, fast SURF. */
    static final int FEATURE_SIDE = 1100;
    /** Long side of the comparison frame (and of the evidence images). */
    static final int FRAME_SIDE = 700;
    static final int MIN_INLIERS = 15;
    /** How far (feature-level pixels) a matched feature may lie from where the homography puts it. */
    static final double INLIER_PIXELS = 3.0;
    /**
     * Photos are reduced (box average) to at most about this long side as they are turned grey.
     * Nothing later looks finer: the comparison frame is {@link #FRAME_SIDE} pixels, and the
     * comparison's scales (band-pass, cells, matching radius) were tuned on photos of about this
     * size. A 12-megapixel photo is averaged 4×4 to 1000×750, never held as a full-resolution float
     * image; at 2048 its flakes were twice the size tuned for and the 12 MP genuine pair of
     * docs/benchmarks.md was a false alarm (0.23), at 1200 it is intact.
     */
    static final int WORK_SIDE = 1200;

    private SealComparison() {}

    /** The seal in a reference photo, in that photo's pixels, as {@link #run} finds it. */
    public static SealSearch locate(BufferedImage reference) {
        int factor = workFactor(reference);
        Pyramid pyramid = new Pyramid(GrayOps.luma(reference, factor));
        Optional<SealArea> found = SealLocator.find(pyramid);
        if (found.isEmpty()) {
            return new SealSearch.NotFound(SealSearch.Why.NO_GLITTER);
        }
        Optional<SealArea> whole = SealCoverage.whole(pyramid, found.get());
        if (whole.isEmpty()) {
            return new SealSearch.NotFound(SealSearch.Why.GLITTER_BEYOND);
        }
        return new SealSearch.Found(enlarged(whole.get().box(), factor));
    }

    public static Comparison run(BufferedImage referenceImage, Optional<Region> roi, BufferedImage photoImage,
                                 Consumer<StageTime> progress) {
        return run(referenceImage, roi, photoImage, progress, decision -> { });
    }

    /** As {@link #run(BufferedImage, Optional, BufferedImage, Consumer)}, telling {@code decisions} what the decision saw. */
    static Comparison run(BufferedImage referenceImage, Optional<Region> roi, BufferedImage photoImage,
                          Consumer<StageTime> progress, Consumer<FrameComparison.Decision> decisions) {
        int referenceFactor = workFactor(referenceImage);
        int photoFactor = workFactor(photoImage);
        Stopwatch clock = new Stopwatch(progress);
        CompletableFuture<Gray> referenceGrey = CompletableFuture.supplyAsync(() -> GrayOps.luma(referenceImage, referenceFactor));
        Pyramid photo = new Pyramid(GrayOps.luma(photoImage, photoFactor));
        Pyramid reference = new Pyramid(referenceGrey.join());
        // colour is first needed once the seal is aligned: read it while the seal is found, on one thread
        CompletableFuture<ColourPlanes> referenceColour = CompletableFuture.supplyAsync(() ->
                ColourPlanes.of(referenceImage, referenceFactor));
        CompletableFuture<ColourPlanes> photoColour = CompletableFuture.supplyAsync(() -> ColourPlanes.of(photoImage, photoFactor));
        clock.lap("grey");
        Comparison reduced = atWorkScale(reference, roi.map(r -> reduced(r, referenceFactor)), photo, clock, decisions,
                referenceColour, photoColour);
        return inPhotoPixels(reduced, photoFactor);
    }

    private static Comparison atWorkScale(Pyramid reference, Optional<Region> roi, Pyramid photo, Stopwatch clock,
                                          Consumer<FrameComparison.Decision> decisions,
                                          CompletableFuture<ColourPlanes> referenceColour,
                                          CompletableFuture<ColourPlanes> photoColour) {
        Optional<SealArea> located = roi.isPresent()
                ? Optional.of(SealArea.ellipse(clip(roi.get(), reference.full())))
                : SealLocator.find(reference);
        if (located.isEmpty()) {
            return Verdicts.cannotVerify("No glitter seal stands out in the reference photo; mark it with --roi x,y,w,h.",
                    new Alignment(0, 0), clock);
        }
        Optional<SealArea> whole = roi.isPresent() ? located : SealCoverage.whole(reference, located.get());
        if (whole.isEmpty()) {
            // comparing only part of the glitter would leave a change in the rest unseen: fail closed
            return Verdicts.cannotVerify("Glitter continues beyond the seal found in the reference photo, so its edge is not"
                    + " known and part of it would go unchecked; mark the whole seal with --roi x,y,w,h.",
                    new Alignment(0, 0), clock);
        }
        SealArea seal = whole.get();
        Region area = seal.box();
        clock.lap("seal");

        int referenceFactor = factor(reference.full());
        int photoFactor = factor(photo.full());
        Optional<String> dark = PhotoQuality.darkAllOver(photo.level(photoFactor));
        if (dark.isPresent()) {
            return Verdicts.cannotVerify(dark.get(), new Alignment(0, 0), clock);
        }
        Homography referenceToLevel = Pyramid.fullToLevel(referenceFactor);
        double[] lo = referenceToLevel.map(area.x(), area.y());
        double[] hi = referenceToLevel.map(area.x() + area.w(), area.y() + area.h());
        CompletableFuture<FeatureMatcher.Features> referenceFeatures = CompletableFuture.supplyAsync(() ->
                FeatureMatcher.detect(reference.level(referenceFactor), Optional.of(new double[] {lo[0], lo[1], hi[0], hi[1]})));
        FeatureMatcher.Features photoFeatures = FeatureMatcher.detect(photo.level(photoFactor), Optional.empty());
        FeatureMatcher.Features sealFeatures = referenceFeatures.join();
        clock.lap("features");

        List<AssociatedPair> pairs = FeatureMatcher.match(sealFeatures, photoFeatures);
        Optional<RobustHomography.Fit> fit = RobustHomography.fit(pairs, INLIER_PIXELS);
        clock.lap("alignment");
        int inliers = fit.map(f -> f.inliers().size()).orElse(0);
        Alignment alignment = new Alignment(inliers, fit.map(RobustHomography.Fit::rms).orElse(0.0));
        if (inliers < MIN_INLIERS) {
            return Verdicts.cannotVerify("Only " + inliers + " features of the seal were found again in the photo (at least "
                    + MIN_INLIERS + " are needed): it may be another object, too far away, blurred or badly lit.",
                    alignment, clock);
        }
        Homography referenceToPhoto = Pyramid.fullToLevel(photoFactor).inverse()
                .after(fit.get().homography()).after(referenceToLevel);
        double visible = seal.visible(referenceToPhoto, photo.full().width(), photo.full().height());
        if (visible < FramePlan.MIN_VISIBLE) {
            return Verdicts.cannotVerify(String.format(Locale.ROOT, "Only %.0f%% of the seal is in the new photo;"
                    + " photograph the whole seal.", 100 * visible), alignment, clock);
        }
        Optional<Frame> frame = FramePlan.around(area, referenceToPhoto, photo.full(), FRAME_SIDE);
        if (frame.isEmpty()) {
            return Verdicts.cannotVerify("The alignment of the seal is implausible (folded or far too large or small);"
                    + " photograph the whole seal, straight on.", alignment, clock);
        }
        return new FrameComparison(frame.get(), reference, referenceColour.join(), seal, referenceToPhoto, photo,
                photoColour.join(), alignment, clock, decisions).run();
    }

    static int workFactor(BufferedImage image) {
        return Math.max(1, (int) Math.ceil(Math.max(image.getWidth(), image.getHeight()) / (double) WORK_SIDE));
    }

    private static Region reduced(Region r, int factor) {
        int x = Math.floorDiv(r.x(), factor);
        int y = Math.floorDiv(r.y(), factor);
        return new Region(x, y, Math.max(1, Math.floorDiv(r.x() + r.w(), factor) - x), Math.max(1, Math.floorDiv(r.y() + r.h(), factor) - y));
    }

    private static Region enlarged(Region r, int factor) {
        return new Region(r.x() * factor, r.y() * factor, r.w() * factor, r.h() * factor);
    }

    /** Regions, flakes and the seal's box back in the photo's own pixels. */
    private static Comparison inPhotoPixels(Comparison c, int factor) {
        if (factor == 1) {
            return c;
        }
        double centre = (factor - 1) / 2.0;
        List<ParticleChange> particles = c.particles().stream()
                .map(p -> new ParticleChange(p.kind(), p.x() * factor + centre, p.y() * factor + centre)).toList();
        Comparison.Evidence e = c.evidence();
        Comparison.Evidence evidence = new Comparison.Evidence(e.alignedReference(), e.photo(), e.heatmap(),
                e.seal() == null ? null : enlarged(e.seal(), factor));
        return new Comparison(c.verdict(), c.score(), c.regions().stream().map(r -> enlarged(r, factor)).toList(),
                c.alignment(), c.reasons(), particles, evidence, c.stages());
    }

    static int factor(Gray image) {
        return Math.max(1, (int) Math.ceil(Math.max(image.width(), image.height()) / (double) FEATURE_SIDE));
    }

    private static Region clip(Region roi, Gray image) {
        int x0 = Math.max(0, roi.x());
        int y0 = Math.max(0, roi.y());
        int x1 = Math.min(image.width(), roi.x() + roi.w());
        int y1 = Math.min(image.height(), roi.y() + roi.h());
        if (x1 - x0 < 16 || y1 - y0 < 16) {
            throw new IllegalArgumentException("the region of interest " + roi.x() + "," + roi.y() + "," + roi.w() + ","
                    + roi.h() + " lies outside the " + image.width() + "x" + image.height() + " reference photo");
        }
        return new Region(x0, y0, x1 - x0, y1 - y0);
    }
}
