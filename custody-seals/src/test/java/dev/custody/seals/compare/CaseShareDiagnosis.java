package dev.custody.seals.compare;

import dev.custody.seals.Comparison;
import dev.custody.seals.Region;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Whether the decision's base rate depends on how much case the compared area holds. A generated
 * pair is compared with the camera's true map over the seal as found, over the owner's box, and over
 * the owner's box with as much case again around it; for each, the frame and its cell size (the
 * decision's scales follow the frame's side), the pair's rate of unmatched flakes and its dispersion,
 * the rate over the cells on the seal (centre inside the owner's box) and over those on the case,
 * the dispersion's tiles and the strongest groups. {@code java -cp BENCH-CLASSPATH
 * dev.custody.seals.compare.CaseShareDiagnosis SEED DESIGN INDEX,INDEX,... [genuine|tampered]}.
 */
public final class CaseShareDiagnosis {
    private CaseShareDiagnosis() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        SealShape shape = SealShape.valueOf(args[1].toUpperCase(Locale.ROOT));
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT, List.of(shape));
        boolean tampered = args.length > 3 && args[3].equals("tampered");
        for (String index : args[2].split(",")) {
            int i = Integer.parseInt(index);
            BenchmarkPair pair = tampered ? generator.tampered(i) : generator.genuine(i);
            System.out.printf(Locale.ROOT, "#%d %s %s%n", i, shape.word(), pair.kind());
            Pyramid reference = new Pyramid(GrayOps.luma(pair.reference()));
            Pyramid photo = new Pyramid(GrayOps.luma(pair.photo()));
            Homography truth = generator.referenceToPhoto(pair);
            SealLocator.find(reference).ifPresent(found -> describe("found seal", found, reference, photo, truth, pair));
            describe("owner's box", SealArea.ellipse(pair.referenceRoi()), reference, photo, truth, pair);
            describe("owner's box with case around it", SealArea.ellipse(withCase(pair.referenceRoi())), reference, photo, truth,
                    pair);
        }
    }

    private static void describe(String what, SealArea seal, Pyramid reference, Pyramid photo, Homography truth,
                                 BenchmarkPair pair) {
        List<FrameComparison.Decision> seen = new ArrayList<>();
        Optional<Comparison> c = FramePlan.around(seal.box(), truth, photo.full(), SealComparison.FRAME_SIDE)
                .map(frame -> GeneratedFrames.comparison(frame, reference, photo, pair, seal, truth, seen::add).run());
        if (c.isEmpty() || seen.isEmpty()) {
            System.out.printf("   %s: no decision%n", what);
            return;
        }
        System.out.printf(Locale.ROOT, "   %s: %s %.3f%n", what, c.get().verdict().word(), c.get().score());
        tally(seen.getLast(), truth, pair.referenceRoi());
    }

    private static void tally(FrameComparison.Decision d, Homography truth, Region owners) {
        boolean[] onSeal = onSeal(d, truth, owners);
        float[] sim = d.cells().similarity();
        int[] compared = IntStream.range(0, sim.length).filter(k -> !Float.isNaN(sim[k])).toArray();
        double[] all = d.flakes().tally(new ChangeEvidence.Group(compared, 0));
        System.out.printf(Locale.ROOT, "     frame %dx%d, cell %d px; rate %.3f, dispersion %.2f; %s; %s%n", d.frame().width(),
                d.frame().height(), d.cells().cell(), all[3], all[4],
                part("on the seal", d, IntStream.of(compared).filter(k -> onSeal[k]).toArray()),
                part("on the case", d, IntStream.of(compared).filter(k -> !onSeal[k]).toArray()));
        tiles(d, onSeal, all[3]);
        for (int k = 0; k < Math.min(3, d.groups().size()); k++) {
            ChangeEvidence.Group g = d.groups().get(k);
            double[] t = d.flakes().tally(g);
            System.out.printf(Locale.ROOT, "     group %d: %d cells, sum %.2f, n %.0f u %.0f (%.0f%%), z %.2f, confirms %s%n",
                    k, g.cells().length, g.sum(), t[0], t[1], 100 * t[1] / Math.max(1, t[0]), t[2], d.flakes().confirms(g));
        }
    }

    /** The dispersion's tiles: flakes, unmatched, squared z at the pair's rate, and the share of their cells on the seal. */
    private static void tiles(FrameComparison.Decision d, boolean[] onSeal, double rate) {
        CellMap cells = d.cells();
        float[] sim = cells.similarity();
        StringBuilder out = new StringBuilder("     tiles (n/u z2 seal%):");
        for (int r0 = 0; r0 < cells.rows(); r0 += FlakeEvidence.PATCH) {
            for (int c0 = 0; c0 < cells.columns(); c0 += FlakeEvidence.PATCH) {
                List<Integer> tile = new ArrayList<>();
                for (int r = r0; r < Math.min(cells.rows(), r0 + FlakeEvidence.PATCH); r++) {
                    for (int c = c0; c < Math.min(cells.columns(), c0 + FlakeEvidence.PATCH); c++) {
                        if (!Float.isNaN(sim[r * cells.columns() + c])) {
                            tile.add(r * cells.columns() + c);
                        }
                    }
                }
                int[] t = tile.stream().mapToInt(Integer::intValue).toArray();
                double[] tally = d.flakes().tally(new ChangeEvidence.Group(t, 0));
                if (tally[0] >= 2 * FlakeEvidence.MIN_FLAKES) {
                    double z = (tally[1] - tally[0] * rate) / Math.sqrt(tally[0] * rate * (1 - rate));
                    long on = IntStream.of(t).filter(k -> onSeal[k]).count();
                    out.append(String.format(Locale.ROOT, " %.0f/%.0f %.1f %d%%", tally[0], tally[1], z * z,
                            100 * on / t.length));
                }
            }
        }
        System.out.println(out);
    }

    private static String part(String what, FrameComparison.Decision d, int[] cells) {
        double[] t = d.flakes().tally(new ChangeEvidence.Group(cells, 0));
        return String.format(Locale.ROOT, "%s %d cells, n %.0f u %.0f (%.3f)", what, cells.length, t[0], t[1],
                t[1] / Math.max(1, t[0]));
    }

    /**
     * The owner's box grown by half its size, centred on it and kept in the photo: as much case
     * again as seal, which is what the locator takes in on most sticker references of seed 101.
     */
    private static Region withCase(Region box) {
        int x = Math.max(0, box.x() - box.w() / 4);
        int y = Math.max(0, box.y() - box.h() / 4);
        return new Region(x, y, Math.min(SealBenchmark.WIDTH - x, box.w() * 3 / 2),
                Math.min(SealBenchmark.HEIGHT - y, box.h() * 3 / 2));
    }

    /** Cells whose centre, in the reference, lies in the owner's box. */
    private static boolean[] onSeal(FrameComparison.Decision d, Homography truth, Region box) {
        CellMap cells = d.cells();
        Homography toReference = truth.inverse().after(d.frame().toPhoto());
        boolean[] out = new boolean[cells.columns() * cells.rows()];
        for (int i = 0; i < out.length; i++) {
            double[] p = toReference.map((i % cells.columns() + 0.5) * cells.cell(), (i / cells.columns() + 0.5) * cells.cell());
            out[i] = p[0] >= box.x() && p[1] >= box.y() && p[0] < box.x() + box.w() && p[1] < box.y() + box.h();
        }
        return out;
    }
}
