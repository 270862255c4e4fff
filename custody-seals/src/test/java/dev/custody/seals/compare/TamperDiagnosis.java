package dev.custody.seals.compare;

import dev.custody.seals.Comparison;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealShape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a tampered generated pair is missed: whether the cells the tampering changed (the
 * generator's mask) fall in a doubtful group at all, and if so how far its flakes stand from the
 * bar, with the fitted alignment and with the camera's true map. {@code java -cp BENCH-CLASSPATH
 * dev.custody.seals.compare.TamperDiagnosis SEED round,strip INDEX,INDEX,...}: the designs and
 * indices as given to {@code SealBenchmark}, so the pairs are {@code BenchmarkGenerator(SEED, 800,
 * 600, designs).tampered(i)}, the indices its misses print; a fourth argument {@code genuine} takes
 * {@code genuine(i)} instead, whose honest groups the same figures describe. The RANSAC seed is the run's.
 */
public final class TamperDiagnosis {
    private TamperDiagnosis() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        List<SealShape> shapes = Arrays.stream(args[1].split(","))
                .map(w -> SealShape.valueOf(w.toUpperCase(Locale.ROOT))).toList();
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT, shapes);
        boolean genuine = args.length > 3 && args[3].equals("genuine");
        for (String index : args[2].split(",")) {
            int i = Integer.parseInt(index);
            diagnose(generator, genuine ? generator.genuine(i) : generator.tampered(i));
        }
    }

    private static void diagnose(BenchmarkGenerator generator, BenchmarkPair pair) {
        List<FrameComparison.Decision> seen = new ArrayList<>();
        Comparison normal = SealComparison.run(pair.reference(), Optional.empty(), pair.photo(), stage -> { }, seen::add);
        System.out.printf(Locale.ROOT, "#%d %s %s: %s %.3f%n", pair.index(), pair.shape().word(), pair.kind(),
                normal.verdict().word(), normal.score());
        seen.stream().reduce((a, b) -> b).ifPresent(d -> describe("fitted map", d, pair.changed()));
        seen.clear();
        Pyramid reference = new Pyramid(GrayOps.luma(pair.reference()));
        Pyramid photo = new Pyramid(GrayOps.luma(pair.photo()));
        Optional<SealArea> located = SealLocator.find(reference);
        Homography truth = generator.referenceToPhoto(pair);
        located.flatMap(seal -> FramePlan.around(seal.box(), truth, photo.full(), SealComparison.FRAME_SIDE)
                .map(frame -> GeneratedFrames.comparison(frame, reference, photo, pair, seal, truth, seen::add).run()))
                .ifPresent(c -> System.out.printf(Locale.ROOT, "   true map: %s %.3f%n", c.verdict().word(), c.score()));
        seen.stream().reduce((a, b) -> b).ifPresent(d -> describe("true map", d, pair.changed()));
    }

    /** The changed cells, and every group touching them or among the three strongest. */
    private static void describe(String what, FrameComparison.Decision d, BufferedImage changed) {
        boolean[] isChanged = changedCells(d, changed);
        int changedCells = 0;
        boolean[] inGroup = new boolean[isChanged.length];
        for (ChangeEvidence.Group g : d.groups()) {
            for (int c : g.cells()) {
                inGroup[c] = true;
            }
        }
        int doubtful = 0;
        for (int c = 0; c < isChanged.length; c++) {
            changedCells += isChanged[c] ? 1 : 0;
            doubtful += isChanged[c] && inGroup[c] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "   %s: %d cells changed, %d of them doubtful; %d groups%n", what, changedCells,
                doubtful, d.groups().size());
        for (int k = 0; k < d.groups().size(); k++) {
            ChangeEvidence.Group g = d.groups().get(k);
            int onChange = (int) Arrays.stream(g.cells()).filter(c -> isChanged[c]).count();
            if (onChange == 0 && k >= 3) {
                continue;
            }
            double[] t = d.flakes().tally(g);
            System.out.printf(Locale.ROOT, "     group %d: %d cells (%d on the change), sum %.2f, n %.0f u %.0f (%.0f%%),"
                    + " rate %.3f, dispersion %.2f, z %.2f, confirms %s%n", k, g.cells().length, onChange, g.sum(), t[0],
                    t[1], 100 * t[1] / Math.max(1, t[0]), t[3], t[4], t[2], d.flakes().confirms(g));
            subset("on the change", d, Arrays.stream(g.cells()).filter(c -> isChanged[c]).toArray());
            float[] sim = d.cells().similarity();
            subset("below 0.45", d, Arrays.stream(g.cells()).filter(c -> sim[c] < 0.45).toArray());
            subset("below 0.30", d, Arrays.stream(g.cells()).filter(c -> sim[c] < 0.30).toArray());
        }
    }

    private static void subset(String what, FrameComparison.Decision d, int[] cells) {
        if (cells.length == 0) {
            return;
        }
        ChangeEvidence.Group part = new ChangeEvidence.Group(cells, 0);
        double[] t = d.flakes().tally(part);
        System.out.printf(Locale.ROOT, "       %s: %d cells, n %.0f u %.0f (%.0f%%), z %.2f, confirms %s%n", what, cells.length,
                t[0], t[1], 100 * t[1] / Math.max(1, t[0]), t[2], d.flakes().confirms(part));
    }

    /** Cells whose centre, in the photo, the generator's mask marks changed. */
    private static boolean[] changedCells(FrameComparison.Decision d, BufferedImage changed) {
        CellMap cells = d.cells();
        Homography toPhoto = d.frame().toPhoto();
        boolean[] out = new boolean[cells.columns() * cells.rows()];
        for (int i = 0; i < out.length; i++) {
            double[] p = toPhoto.map((i % cells.columns() + 0.5) * cells.cell(), (i / cells.columns() + 0.5) * cells.cell());
            int x = (int) p[0];
            int y = (int) p[1];
            out[i] = x >= 0 && y >= 0 && x < changed.getWidth() && y < changed.getHeight()
                    && (changed.getRGB(x, y) & 0xff) > 127;
        }
        return out;
    }
}
