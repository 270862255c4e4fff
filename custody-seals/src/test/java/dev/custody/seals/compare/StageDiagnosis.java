package dev.custody.seals.compare;

import boofcv.struct.geo.AssociatedPair;
import dev.custody.seals.Comparison;
import dev.custody.seals.Region;
import dev.custody.seals.SealComparator;
import dev.custody.seals.Verdict;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealShape;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which stage makes a genuine generated pair fail: each failing pair is compared again with the
 * stages before the decision replaced by the generator's ground truth, the seal's region by the
 * box an owner would mark and the alignment by the camera's true map. If the owner's box fixes it,
 * the seal finding was at fault; if the true map does, the alignment; if neither, the decision
 * (flake matching, cells, outline). The seal found and the seal compared (grown over all its
 * glitter) are each run with the fitted and the true map: a verdict that the true map changes
 * although the fitted one is off by a fraction of a pixel points at the residual flow, which
 * starts from the map (held-out genuine sticker #5 of seed 20261294). {@code java -cp BENCH-CLASSPATH
 * dev.custody.seals.compare.StageDiagnosis SEED round|strip|sticker INDEX,INDEX,...} (indices of
 * {@code BenchmarkGenerator(SEED, 800, 600, [design]).genuine(i)}; the pairs of a mixed-design run
 * with the same index and design are the same pairs).
 */
public final class StageDiagnosis {
    private StageDiagnosis() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        SealShape shape = SealShape.valueOf(args[1].toUpperCase(Locale.ROOT));
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT, List.of(shape));
        for (String index : args[2].split(",")) {
            diagnose(generator, generator.genuine(Integer.parseInt(index)));
        }
    }

    private static void diagnose(BenchmarkGenerator generator, BenchmarkPair pair) {
        Comparison normal = SealComparator.compare(pair.reference(), Optional.empty(), pair.photo());
        System.out.printf(Locale.ROOT, "#%d %s %.3f: %s%n", pair.index(), normal.verdict().word(), normal.score(),
                normal.reasons().getFirst());
        if (normal.verdict() == Verdict.INTACT) {
            return;
        }
        Pyramid reference = new Pyramid(GrayOps.luma(pair.reference()));
        Pyramid photo = new Pyramid(GrayOps.luma(pair.photo()));
        Optional<SealArea> located = SealLocator.find(reference);
        System.out.printf("   seal found %s, owner's box %s%n", located.map(SealArea::box).orElse(null), pair.referenceRoi());
        if (located.isEmpty()) {
            return;
        }
        Homography truth = generator.referenceToPhoto(pair);
        Optional<Homography> fitted = fitted(reference, photo, located.get().box(), truth);
        if (fitted.isEmpty()) {
            System.out.println("   alignment: no homography");
            return;
        }
        System.out.printf(Locale.ROOT, "   alignment error over the seal (px): %s%n", error(fitted.get(), truth, located.get()));
        SealArea owners = SealArea.ellipse(pair.referenceRoi());
        // the comparison compares the seal grown over all its glitter, which can differ from the one found
        Optional<SealArea> whole = SealCoverage.whole(reference, located.get());
        System.out.printf("   seal compared %s%n", whole.map(SealArea::box).orElse(null));
        report("found seal, fitted map", reference, photo, pair, located.get(), fitted.get());
        report("found seal, true map", reference, photo, pair, located.get(), truth);
        if (whole.isPresent()) {
            report("compared seal, fitted map", reference, photo, pair, whole.get(), fitted.get());
            report("compared seal, true map", reference, photo, pair, whole.get(), truth);
        }
        report("owner's box, fitted map", reference, photo, pair, owners, fitted.get());
        report("owner's box, true map", reference, photo, pair, owners, truth);
    }

    /**
     * The reference-to-photo map as the comparison fits it (both photos at their own resolution
     * here), and how many of the feature matches the true map explains against how many RANSAC
     * kept: far fewer kept than true means RANSAC settled on the consensus of one part of the seal.
     */
    private static Optional<Homography> fitted(Pyramid reference, Pyramid photo, Region area, Homography truth) {
        int referenceFactor = SealComparison.factor(reference.full());
        int photoFactor = SealComparison.factor(photo.full());
        Homography toLevel = Pyramid.fullToLevel(referenceFactor);
        double[] lo = toLevel.map(area.x(), area.y());
        double[] hi = toLevel.map(area.x() + area.w(), area.y() + area.h());
        FeatureMatcher.Features seal = FeatureMatcher.detect(reference.level(referenceFactor),
                Optional.of(new double[] {lo[0], lo[1], hi[0], hi[1]}));
        FeatureMatcher.Features all = FeatureMatcher.detect(photo.level(photoFactor), Optional.empty());
        List<AssociatedPair> matches = FeatureMatcher.match(seal, all);
        Homography truthAtLevels = Pyramid.fullToLevel(photoFactor).after(truth).after(toLevel.inverse());
        long explained = matches.stream().filter(m -> {
            double[] p = truthAtLevels.map(m.p1.x, m.p1.y);
            return Math.hypot(p[0] - m.p2.x, p[1] - m.p2.y) < SealComparison.INLIER_PIXELS;
        }).count();
        Optional<RobustHomography.Fit> fit = RobustHomography.fit(matches, SealComparison.INLIER_PIXELS);
        System.out.printf(Locale.ROOT, "   feature matches %d, true to the camera's map %d, RANSAC's inliers %d%n",
                matches.size(), explained, fit.map(f -> f.inliers().size()).orElse(0));
        return fit.map(f -> Pyramid.fullToLevel(photoFactor).inverse().after(f.homography()).after(toLevel));
    }

    private static String error(Homography fitted, Homography truth, SealArea seal) {
        Region box = seal.box();
        double[] errors = new double[(box.w() / 8 + 1) * (box.h() / 8 + 1)];
        int n = 0;
        for (int y = box.y() + 4; y < box.y() + box.h(); y += 8) {
            for (int x = box.x() + 4; x < box.x() + box.w(); x += 8) {
                if (seal.inCore(x, y)) {
                    double[] f = fitted.map(x, y);
                    double[] t = truth.map(x, y);
                    errors[n++] = Math.hypot(f[0] - t[0], f[1] - t[1]);
                }
            }
        }
        if (n == 0) {
            return "no seal cells";
        }
        double[] e = Arrays.copyOf(errors, n);
        Arrays.sort(e);
        return String.format(Locale.ROOT, "median %.2f, p90 %.2f, max %.2f", e[n / 2], e[n * 9 / 10], e[n - 1]);
    }

    private static void report(String what, Pyramid reference, Pyramid photo, BenchmarkPair pair, SealArea seal,
                               Homography referenceToPhoto) {
        Optional<Frame> frame = FramePlan.around(seal.box(), referenceToPhoto, photo.full(), SealComparison.FRAME_SIDE);
        if (frame.isEmpty()) {
            System.out.printf("   %s: no frame%n", what);
            return;
        }
        Comparison c = GeneratedFrames.comparison(frame.get(), reference, photo, pair, seal, referenceToPhoto, decision -> { })
                .run();
        System.out.printf(Locale.ROOT, "   %s: %s %.3f%n", what, c.verdict().word(), c.score());
    }
}
