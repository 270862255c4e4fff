package dev.custody.seals.compare;

import dev.custody.seals.Comparison;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of {@link FlakeEvidence}'s rules confirms the group that decides a pair: the seal-wide
 * "pattern differs all over", the fail-closed rule for groups with fewer than
 * {@link FlakeEvidence#MIN_FLAKES} flakes, {@code stands} (the whole group), {@code patchInside}
 * (a 5×5-cell window of a large group), these two, when they clear their bar by less than
 * {@link FlakeEvidence#BEYOND_CHANCE}, only if the pair's unmatched flakes also crowd beyond chance
 * ({@link FlakeScan}'s p-value, on the pair's line), or {@code mostDoubtfulStand}
 * (the group's cells under {@link FlakeEvidence#CHANGED}), each with its flakes n, unmatched u, the pair's rate, z and the
 * dispersion, and the margins to the bars (rate excess over the pair's rate less the bar, z less
 * the bar). A group decides when it is confirmed and its evidence alone takes the score under the
 * threshold. The rules are re-derived here from {@link FlakeEvidence#tally} on subsets of the
 * group, and checked against {@link FlakeEvidence#confirms}. {@code java -cp BENCH-CLASSPATH
 * dev.custody.seals.compare.RuleDiagnosis SEED DESIGNS GENUINE TAMPERED} (as {@code SealBenchmark}'s
 * arguments, pairs 0..GENUINE-1 and 0..TAMPERED-1 of {@code BenchmarkGenerator(SEED, 800, 600,
 * DESIGNS)}); one line per pair, then one per deciding group (or the strongest group, if none
 * decides). The RANSAC seed is the run's.
 */
public final class RuleDiagnosis {
    /** The evidence over which one group alone makes the pair tampered: exp(−e/3) < 0.35. */
    static final double DECIDES = -FrameComparison.EVIDENCE_SCALE * Math.log(FrameComparison.THRESHOLD);

    private RuleDiagnosis() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        List<SealShape> shapes = Arrays.stream(args[1].split(","))
                .map(w -> SealShape.valueOf(w.toUpperCase(Locale.ROOT))).toList();
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT, shapes);
        int genuine = Integer.parseInt(args[2]);
        int tampered = Integer.parseInt(args[3]);
        for (int i = 0; i < genuine; i++) {
            diagnose(generator, generator.genuine(i));
        }
        for (int i = 0; i < tampered; i++) {
            diagnose(generator, generator.tampered(i));
        }
    }

    private static void diagnose(BenchmarkGenerator generator, BenchmarkPair pair) {
        List<FrameComparison.Decision> seen = new ArrayList<>();
        Comparison c = SealComparison.run(pair.reference(), Optional.empty(), pair.photo(), stage -> { }, seen::add);
        Optional<FrameComparison.Decision> last = seen.stream().reduce((a, b) -> b);
        if (last.isEmpty()) {
            System.out.printf(Locale.ROOT, "pair %s %s #%d %s %.3f (no decision: %s)%n", pair.shape().word(), pair.kind(),
                    pair.index(), c.verdict().word(), c.score(), c.reasons().getFirst());
            return;
        }
        FrameComparison.Decision d = last.get();
        FlakeEvidence flakes = d.flakes();
        double[] whole = flakes.tally(new ChangeEvidence.Group(new int[0], 0));
        System.out.printf(Locale.ROOT,
                "pair %s %s #%d %s %.3f frame %dx%d cell %d rate %.3f dispersion %.2f crowding p %.3f allOver %s%s%n",
                pair.shape().word(), pair.kind(), pair.index(), c.verdict().word(), c.score(), d.frame().width(),
                d.frame().height(), d.cells().cell(), whole[3], whole[4], flakes.crowdingPValue(), flakes.patternDiffersAllOver(),
                c.verdict() == dev.custody.seals.Verdict.CANNOT_VERIFY ? " (" + c.reasons().getFirst() + ")" : "");
        boolean any = false;
        for (int k = 0; k < d.groups().size(); k++) {
            ChangeEvidence.Group g = d.groups().get(k);
            if (g.sum() >= DECIDES && flakes.confirms(g)) {
                any = true;
                System.out.println("   decides " + rules(d, g, k) + where(d, g, pair, generator));
            }
        }
        if (!any && !d.groups().isEmpty()) {
            System.out.println("   strongest " + rules(d, d.groups().getFirst(), 0) + where(d, d.groups().getFirst(), pair, generator));
        }
    }

    /**
     * Where the group lies on the seal (the generator's truth): each cell's centre taken to seal
     * units, and ρ the factor by which the seal's outline must be scaled to pass through it (0 at
     * the centre, 1 on the edge, over 1 outside, on the case): the mean ρ, the share of cells in the
     * outer 15% (ρ 0.85–1) and outside.
     */
    private static String where(FrameComparison.Decision d, ChangeEvidence.Group g, BenchmarkPair pair,
                                BenchmarkGenerator generator) {
        Homography toSeal = generator.photoToSeal(pair);
        int columns = d.cells().columns();
        double sum = 0;
        int rim = 0;
        int outside = 0;
        for (int c : g.cells()) {
            double[] p = d.frame().toPhoto().map((c % columns + 0.5) * d.cells().cell(), (c / columns + 0.5) * d.cells().cell());
            double[] s = toSeal.map(p[0], p[1]);
            double rho = rho(pair.shape(), s[0], s[1]);
            sum += rho;
            rim += rho > 0.85 && rho <= 1 ? 1 : 0;
            outside += rho > 1 ? 1 : 0;
        }
        int n = Math.max(1, g.cells().length);
        return String.format(Locale.ROOT, " | on the seal: mean rho %.2f, rim %.2f, outside %.2f", sum / n, rim / (double) n,
                outside / (double) n);
    }

    /** The least scale of the seal's outline that holds the point (bisection on {@link SealShape#contains}). */
    private static double rho(SealShape shape, double x, double y) {
        double lo = 0;
        double hi = 4;
        if (!shape.contains(x / hi, y / hi)) {
            return hi;
        }
        for (int i = 0; i < 24; i++) {
            double mid = (lo + hi) / 2;
            if (shape.contains(x / mid, y / mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static String rules(FrameComparison.Decision d, ChangeEvidence.Group g, int k) {
        FlakeEvidence flakes = d.flakes();
        double[] t = flakes.tally(g);
        int n = (int) t[0];
        int u = (int) t[1];
        double rate = t[3];
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "group %d: %d cells, sum %.2f, n %d u %d (%.2f), z %.2f; rules:", k, g.cells().length, g.sum(), n, u,
                u / Math.max(1.0, n), t[2]));
        List<String> fired = new ArrayList<>();
        double patchMargin = Double.NEGATIVE_INFINITY;
        if (n < FlakeEvidence.MIN_FLAKES) {
            fired.add("fewFlakes");
        } else {
            if (stands(t, FlakeEvidence.EXCESS, FlakeEvidence.SIGNIFICANCE)) {
                fired.add(String.format(Locale.ROOT, "stands[excess margin %+.3f, z margin %+.2f]",
                        u / (double) n - rate - FlakeEvidence.EXCESS, t[2] - FlakeEvidence.SIGNIFICANCE));
            }
            double[] patch = bestPatch(d, g);
            if (patch != null) {
                fired.add(describe(patch));
                patchMargin = patch[3] - FlakeEvidence.PATCH_SIGNIFICANCE;
            }
        }
        boolean wide = n >= FlakeEvidence.MIN_FLAKES && !fired.isEmpty();
        boolean strong = wide && (stands(t, FlakeEvidence.EXCESS, FlakeEvidence.SIGNIFICANCE + FlakeEvidence.BEYOND_CHANCE)
                || patchMargin >= FlakeEvidence.BEYOND_CHANCE);
        boolean crowded = flakes.crowdingPValue() <= FlakeScan.SIGNIFICANT;
        if (wide && !strong && !crowded) {
            fired.add("but-the-crowding-is-chance");
        }
        String most = n < FlakeEvidence.MIN_FLAKES ? null : mostDoubtful(d, g);
        if (most != null) {
            fired.add(most);
        }
        boolean confirms = flakes.confirms(g);
        boolean counted = n < FlakeEvidence.MIN_FLAKES || most != null || strong || wide && crowded;
        if (counted != confirms) {
            fired.add("MISMATCH(confirms " + confirms + ")");
        }
        out.append(' ').append(fired.isEmpty() ? "none" : String.join(" ", fired));
        return out.toString();
    }

    private static boolean stands(double[] t, double excess, double significance) {
        return t[1] / t[0] >= t[3] + excess && t[2] >= significance;
    }

    /**
     * The strongest confirming 5×5 window (by z), as patchInside tries them: the number of
     * confirming windows, then the best one's n, u, z and the pair's rate; null if none confirms.
     */
    private static double[] bestPatch(FrameComparison.Decision d, ChangeEvidence.Group g) {
        if (g.cells().length <= FlakeEvidence.PATCH * FlakeEvidence.PATCH) {
            return null;
        }
        int columns = d.cells().columns();
        int rows = d.cells().rows();
        boolean[] member = new boolean[columns * rows];
        for (int c : g.cells()) {
            member[c] = true;
        }
        double[] best = null;
        int windows = 0;
        for (int centre : g.cells()) {
            List<Integer> window = new ArrayList<>();
            int c0 = centre % columns;
            int r0 = centre / columns;
            for (int r = Math.max(0, r0 - 2); r <= Math.min(rows - 1, r0 + 2); r++) {
                for (int c = Math.max(0, c0 - 2); c <= Math.min(columns - 1, c0 + 2); c++) {
                    if (member[r * columns + c]) {
                        window.add(r * columns + c);
                    }
                }
            }
            double[] t = d.flakes().tally(new ChangeEvidence.Group(window.stream().mapToInt(Integer::intValue).toArray(), 0));
            if (t[0] >= FlakeEvidence.MIN_FLAKES && stands(t, FlakeEvidence.PATCH_EXCESS, FlakeEvidence.PATCH_SIGNIFICANCE)) {
                windows++;
                if (best == null || t[2] > best[2]) {
                    best = t;
                }
            }
        }
        return best == null ? null : new double[] {windows, best[0], best[1], best[2], best[3]};
    }

    private static String describe(double[] patch) {
        double share = patch[2] / patch[1];
        return String.format(Locale.ROOT,
                "patchInside[%.0f windows; best n %.0f u %.0f (%.2f) z %.2f, excess margin %+.3f, z margin %+.2f]", patch[0],
                patch[1], patch[2], share, patch[3], share - patch[4] - FlakeEvidence.PATCH_EXCESS,
                patch[3] - FlakeEvidence.PATCH_SIGNIFICANCE);
    }

    private static String mostDoubtful(FrameComparison.Decision d, ChangeEvidence.Group g) {
        float[] s = d.cells().similarity();
        int[] core = Arrays.stream(g.cells()).filter(c -> s[c] < FlakeEvidence.CHANGED).toArray();
        if (core.length == 0 || core.length == g.cells().length || core.length > FlakeEvidence.PATCH * FlakeEvidence.PATCH) {
            return null;
        }
        double[] t = d.flakes().tally(new ChangeEvidence.Group(core, 0));
        if (t[0] < 2 * FlakeEvidence.MIN_FLAKES || !stands(t, FlakeEvidence.EXCESS, FlakeEvidence.SIGNIFICANCE)) {
            return null;
        }
        return String.format(Locale.ROOT, "mostDoubtful[%d cells, n %.0f u %.0f (%.2f) z %.2f, excess margin %+.3f, z margin %+.2f]",
                core.length, t[0], t[1], t[1] / t[0], t[2], t[1] / t[0] - t[3] - FlakeEvidence.EXCESS,
                t[2] - FlakeEvidence.SIGNIFICANCE);
    }
}
