package dev.custody.seals.compare;

import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.GlitterTruth;
import dev.custody.seals.synth.Particle;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealDesign;
import dev.custody.seals.synth.SealShape;
import dev.custody.seals.synth.Shot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why honest flakes vanish (diagnosis, test sources only): for the group deciding a genuine pair
 * and for the compared seal cells outside every group, what the generator drew for the flakes
 * there (the particles, their sparkle, shade, flash and rendered contrast in both shots) against
 * what {@link FlakeEvidence} detected and matched, and how far the detected flakes sit from the
 * generator's true particle positions (the best shift, a residual misalignment).
 * {@code java -cp BENCH-CLASSPATH dev.custody.seals.compare.FlakeVanish SEED INDEX...} (genuine
 * stickers of {@code BenchmarkGenerator(SEED, 800, 600, [sticker])}).
 */
public final class FlakeVanish {
    private FlakeVanish() {}

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT,
                List.of(SealShape.STICKER));
        for (int a = 1; a < args.length; a++) {
            diagnose(generator, generator.genuine(Integer.parseInt(args[a])));
        }
    }

    private static void diagnose(BenchmarkGenerator generator, BenchmarkPair pair) throws Exception {
        List<FrameComparison.Decision> seen = new ArrayList<>();
        var c = SealComparison.run(pair.reference(), Optional.empty(), pair.photo(), stage -> { }, seen::add);
        if (seen.isEmpty()) {
            System.out.println("pair #" + pair.index() + " no decision");
            return;
        }
        FrameComparison.Decision d = seen.getLast();
        FlakeEvidence flakes = d.flakes();
        List<int[]> refFlakes = flakes.referenceFlakes();
        List<int[]> photoFlakes = flakes.photoFlakes();
        boolean[] refMatched = flakes.referenceMatched();
        boolean[] photoMatched = flakes.photoMatched();
        Frame frame = d.frame();
        CellMap cells = d.cells();
        int side = Math.max(frame.width(), frame.height());
        double sigma = Math.max(0.8, side / 400.0);
        double radius = Math.max(2.5, 2 * sigma);
        BenchmarkGenerator.Truth truth = generator.truth(pair);
        SealDesign design = truth.seal();
        Shot ref = truth.reference();
        Shot later = truth.later();
        Homography photoToFrame = frame.toPhoto().inverse();
        Homography toSeal = later.sealToPhoto().inverse();

        int columns = cells.columns();
        int ncell = columns * cells.rows();
        boolean[] inGroup = new boolean[ncell];
        boolean[] anyGroup = new boolean[ncell];
        boolean found = false;
        for (ChangeEvidence.Group g : d.groups()) {
            for (int k : g.cells()) {
                anyGroup[k] = true;
            }
            if (!found && g.sum() >= RuleDiagnosis.DECIDES && flakes.confirms(g)) {
                found = true;
                for (int k : g.cells()) {
                    inGroup[k] = true;
                }
            }
        }
        if (!found) {
            System.out.printf(Locale.ROOT, "pair #%d %s %.3f: no deciding group%n", pair.index(), c.verdict().word(), c.score());
            return;
        }
        boolean[] control = new boolean[ncell];
        double gx = 0;
        double gy = 0;
        int gn = 0;
        for (int k = 0; k < ncell; k++) {
            double[] p = frame.toPhoto().map((k % columns + 0.5) * cells.cell(), (k / columns + 0.5) * cells.cell());
            double[] s = toSeal.map(p[0], p[1]);
            boolean deep = SealShape.STICKER.contains(s[0] / 0.85, s[1] / 0.85);
            control[k] = deep && !anyGroup[k] && !Float.isNaN(cells.similarity()[k]);
            if (inGroup[k]) {
                gx += p[0];
                gy += p[1];
                gn++;
            }
        }
        gx /= gn;
        gy /= gn;
        // the particles' true frame positions (the sticker is flat: no parallax)
        List<Particle> particles = design.particles();
        double[][] pos = new double[particles.size()][];
        for (int i = 0; i < particles.size(); i++) {
            Particle p = particles.get(i);
            double[] u = later.sealToPhoto().map(p.x(), p.y());
            pos[i] = photoToFrame.map(u[0], u[1]);
        }
        double[][] refTerms = GlitterTruth.terms(design, ref);
        double[][] laterTerms = GlitterTruth.terms(design, later);
        System.out.printf(Locale.ROOT, "pair sticker genuine #%d %s %.3f frame %dx%d (scale %.3f) cell %d radius %.2f, %d particles%n",
                pair.index(), c.verdict().word(), c.score(), frame.width(), frame.height(), frame.scale(), cells.cell(), radius,
                particles.size());
        for (Shot s : new Shot[] {ref, later}) {
            double[] gc = s == ref ? refOf(generator, pair, gx, gy) : new double[] {gx, gy};
            System.out.printf(Locale.ROOT, "  %s: scale %.3f px/unit, gain %.2f, local gain at group %.2f, gamma %.2f, wb %.2f/%.2f,"
                            + " gradient %.2f/%.2f, blur %.2f, noise %.2f, jpeg %d, flash %.3f, flakeShade %.2f, light %.2f/%.2f%n",
                    s == ref ? "reference" : "later    ", s.scale(), s.gain(), localGain(s, gc[0], gc[1]), s.gamma(), s.redGain(),
                    s.blueGain(), s.gradientX(), s.gradientY(), s.blur(), s.noise(), s.jpegQuality(), s.flash(), s.flakeShade(),
                    s.lightX(), s.lightY());
        }
        spatial(particles, refTerms, laterTerms, pos, inGroup, control, cells);
        boolean[] all = new boolean[ncell];
        java.util.Arrays.fill(all, true);
        for (int area = 0; area < 3; area++) {
            boolean[] chosen = area == 0 ? inGroup : area == 1 ? control : all;
            report(area == 0 ? "GROUP  " : area == 1 ? "CONTROL" : "SEAL   ", chosen, cells, frame, refFlakes, photoFlakes, refMatched, photoMatched, pos, radius,
                    particles, refTerms, laterTerms, design, ref, later, generator, pair);
        }
    }

    private static double[] refOf(BenchmarkGenerator generator, BenchmarkPair pair, double u, double v) {
        return generator.referenceToPhoto(pair).inverse().map(u, v);
    }

    private static double localGain(Shot s, double u, double v) {
        return s.gain() * (1 + s.gradientX() * (u / s.width() - 0.5) + s.gradientY() * (v / s.height() - 0.5));
    }

    /** Grey (luma, 0–255) of a flake and of the ground under it in a shot, at photo pixel (u, v) and seal point (x, y). */
    private static double[] greys(Shot s, double[] terms, Particle p, float[] ground, double u, double v, double x, double y) {
        double gain = localGain(s, u, v);
        double bright = GlitterTruth.highlight(s, x, y);
        double[] wb = {s.redGain(), 1, s.blueGain()};
        float[] colour = {p.red(), p.green(), p.blue()};
        double[] w = {0.299, 0.587, 0.114};
        double flake = 0;
        double bg = 0;
        int clipped = 0;
        for (int k = 0; k < 3; k++) {
            double body = (0.35 + 0.65 * colour[k]) * terms[1] + terms[0];
            double litF = gain * wb[k] * (body + bright);
            double litB = gain * wb[k] * (ground[k] + bright);
            clipped += litF >= 1 && litB >= 1 ? 1 : 0;
            flake += w[k] * 255 * Math.pow(Math.max(0, Math.min(1, litF)), s.gamma());
            bg += w[k] * 255 * Math.pow(Math.max(0, Math.min(1, litB)), s.gamma());
        }
        return new double[] {flake, bg, clipped};
    }

    private static boolean within(List<int[]> flakes, double x, double y, double r) {
        for (int[] f : flakes) {
            if ((f[0] - x) * (f[0] - x) + (f[1] - y) * (f[1] - y) <= r * r) {
                return true;
            }
        }
        return false;
    }

    private static boolean nearParticle(double[][] pos, double x, double y, double r) {
        for (double[] p : pos) {
            if ((p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y) <= r * r) {
                return true;
            }
        }
        return false;
    }

    private static int cellOf(CellMap cells, double x, double y) {
        if (x < 0 || y < 0) {
            return -1;
        }
        int cx = (int) (x / cells.cell());
        int cy = (int) (y / cells.cell());
        if (cx >= cells.columns() || cy >= cells.rows()) {
            return -1;
        }
        return cy * cells.columns() + cx;
    }

    private static void report(String name, boolean[] chosen, CellMap cells, Frame frame, List<int[]> refFlakes,
                               List<int[]> photoFlakes, boolean[] refMatched, boolean[] photoMatched, double[][] pos, double radius,
                               List<Particle> particles, double[][] refTerms, double[][] laterTerms, SealDesign design, Shot ref,
                               Shot later, BenchmarkGenerator generator, BenchmarkPair pair) {
        // detected flakes: counts, unmatched, how many lie on a true particle, and the best shift onto the particles
        StringBuilder flakeLine = new StringBuilder();
        for (int side = 0; side < 2; side++) {
            List<int[]> own = side == 0 ? refFlakes : photoFlakes;
            boolean[] matched = side == 0 ? refMatched : photoMatched;
            int n = 0;
            int u = 0;
            int onParticle = 0;
            int unmatchedOnParticle = 0;
            double offDistance = 0;
            int offSparkling = 0;
            int offCount = 0;
            List<int[]> mine = new ArrayList<>();
            for (int index = 0; index < own.size(); index++) {
                int[] f = own.get(index);
                int k = cellOf(cells, f[0], f[1]);
                if (k < 0 || !chosen[k]) {
                    continue;
                }
                mine.add(f);
                n++;
                boolean unmatched = !matched[index];
                boolean on = nearParticle(pos, f[0], f[1], radius);
                u += unmatched ? 1 : 0;
                onParticle += on ? 1 : 0;
                if (unmatched && !on) {
                    // an unmatched flake off every particle: how far is the nearest one, and did it sparkle in this shot?
                    int nearest = -1;
                    double best2 = Double.MAX_VALUE;
                    for (int i = 0; i < pos.length; i++) {
                        double e = (pos[i][0] - f[0]) * (pos[i][0] - f[0]) + (pos[i][1] - f[1]) * (pos[i][1] - f[1]);
                        if (e < best2) {
                            best2 = e;
                            nearest = i;
                        }
                    }
                    offDistance += Math.sqrt(best2);
                    offSparkling += (side == 0 ? refTerms : laterTerms)[nearest][0] > 0.3 ? 1 : 0;
                    offCount++;
                }
                unmatchedOnParticle += unmatched && on ? 1 : 0;
            }
            int best = -1;
            int bx = 0;
            int by = 0;
            int atZero = 0;
            for (int dy = -12; dy <= 12; dy++) {
                for (int dx = -12; dx <= 12; dx++) {
                    int hit = 0;
                    for (int[] f : mine) {
                        hit += nearParticle(pos, f[0] - dx, f[1] - dy, radius) ? 1 : 0;
                    }
                    if (dx == 0 && dy == 0) {
                        atZero = hit;
                    }
                    if (hit > best || (hit == best && dx * dx + dy * dy < bx * bx + by * by)) {
                        best = hit;
                        bx = dx;
                        by = dy;
                    }
                }
            }
            flakeLine.append(String.format(Locale.ROOT, "%s flakes n %d unmatched %d (%.2f), on a particle %.2f (unmatched ones %.2f),"
                            + " best shift (%d,%d) puts %d on particles vs %d unshifted; ", side == 0 ? "ref" : "photo", n, u,
                    u / Math.max(1.0, n), onParticle / Math.max(1.0, n), unmatchedOnParticle / Math.max(1.0, u), bx, by, best, atZero))
                    .append(String.format(Locale.ROOT, "[unmatched off-particle %d: nearest particle %.1f px away, it sparkles in this shot %.2f]; ",
                            offCount, offDistance / Math.max(1, offCount), offSparkling / Math.max(1.0, offCount)));
        }
        System.out.println("  " + name + " " + flakeLine);
        // the particles there
        float[] ground = GlitterTruth.stickerGround(design);
        Homography refToPhoto = generator.referenceToPhoto(pair);
        int[] count = new int[4]; // both, ref only, photo only, neither
        double[][] sum = new double[4][8];
        int total = 0;
        int sparkR = 0;
        int sparkL = 0;
        int flashR = 0;
        int flashL = 0;
        int[] det = new int[8]; // ref: sparkling n, detected; unlit n, detected; later: the same
        double[] unlit = new double[4]; // unlit contrast: ref sum, ref |c|<10 count, later sum, later |c|<10 count
        for (int i = 0; i < particles.size(); i++) {
            int k = cellOf(cells, pos[i][0], pos[i][1]);
            if (k < 0 || !chosen[k]) {
                continue;
            }
            total++;
            Particle p = particles.get(i);
            double[] up = later.sealToPhoto().map(p.x(), p.y());
            double[] ur = ref.sealToPhoto().map(p.x(), p.y());
            double[] gr = greys(ref, refTerms[i], p, ground, ur[0], ur[1], p.x(), p.y());
            double[] gl = greys(later, laterTerms[i], p, ground, up[0], up[1], p.x(), p.y());
            boolean inRef = within(refFlakes, pos[i][0], pos[i][1], radius);
            boolean inPhoto = within(photoFlakes, pos[i][0], pos[i][1], radius);
            int cls = inRef && inPhoto ? 0 : inRef ? 1 : inPhoto ? 2 : 3;
            int offR = refTerms[i][0] > 0.3 ? 0 : 2;
            det[offR]++;
            det[offR + 1] += inRef ? 1 : 0;
            int offL = laterTerms[i][0] > 0.3 ? 4 : 6;
            det[offL]++;
            det[offL + 1] += inPhoto ? 1 : 0;
            double[] zr = greys(ref, new double[] {0, refTerms[i][1]}, p, ground, ur[0], ur[1], p.x(), p.y());
            double[] zl = greys(later, new double[] {0, laterTerms[i][1]}, p, ground, up[0], up[1], p.x(), p.y());
            unlit[0] += zr[0] - zr[1];
            unlit[1] += Math.abs(zr[0] - zr[1]) < 10 ? 1 : 0;
            unlit[2] += zl[0] - zl[1];
            unlit[3] += Math.abs(zl[0] - zl[1]) < 10 ? 1 : 0;
            count[cls]++;
            double[] s = sum[cls];
            s[0] += p.radius() * ref.scale();
            s[1] += p.radius() * later.scale();
            s[2] += gr[0] - gr[1];
            s[3] += gl[0] - gl[1];
            s[4] += refTerms[i][0];
            s[5] += laterTerms[i][0];
            s[6] += gl[1];
            s[7] += gl[2] > 0 ? 1 : 0;
            sparkR += refTerms[i][0] > 0.3 ? 1 : 0;
            sparkL += laterTerms[i][0] > 0.3 ? 1 : 0;
            flashR += refTerms[i][2] > 0 ? 1 : 0;
            flashL += laterTerms[i][2] > 0 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "    particles %d (per cell %.2f): sparkle>0.3 ref %d later %d, flashed ref %d later %d%n", total,
                total / Math.max(1.0, count(chosen)), sparkR, sparkL, flashR, flashL);
        System.out.printf(Locale.ROOT, "    detected when sparkling (>0.3) / not: ref %d/%d = %.2f, %d/%d = %.2f; later %d/%d = %.2f, %d/%d = %.2f;"
                        + " contrast if unlit (sparkle 0): ref mean %+.1f grey (|c|<10: %.2f), later %+.1f (%.2f)%n",
                det[1], det[0], det[1] / Math.max(1.0, det[0]), det[3], det[2], det[3] / Math.max(1.0, det[2]), det[5], det[4],
                det[5] / Math.max(1.0, det[4]), det[7], det[6], det[7] / Math.max(1.0, det[6]), unlit[0] / Math.max(1, total),
                unlit[1] / Math.max(1, total), unlit[2] / Math.max(1, total), unlit[3] / Math.max(1, total));
        String[] names = {"seen in both ", "ref only     ", "photo only   ", "neither      "};
        for (int cls = 0; cls < 4; cls++) {
            double m = Math.max(1, count[cls]);
            double[] s = sum[cls];
            System.out.printf(Locale.ROOT, "    %s %3d: radius px ref %.1f later %.1f; contrast (grey) ref %+.0f later %+.0f;"
                            + " sparkle ref %.2f later %.2f; later ground grey %.0f, clipped %.2f%n", names[cls], count[cls],
                    s[0] / m, s[1] / m, s[2] / m, s[3] / m, s[4] / m, s[5] / m, s[6] / m, s[7] / m);
        }
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /**
     * Whether which flakes sparkle (sparkle over 0.3) is spatially structured: the share sparkling in
     * one shot only in the group, the control cells and the whole seal, a permutation test of the
     * group's share (the indicator shuffled over the seal's particles), and the correlation of each
     * particle's indicator with the mean of its 6 nearest neighbours'.
     */
    private static void spatial(List<Particle> particles, double[][] refTerms, double[][] laterTerms, double[][] pos,
                                boolean[] inGroup, boolean[] control, CellMap cells) {
        int n = particles.size();
        int[] one = new int[n];
        int[] sr = new int[n];
        int[] sl = new int[n];
        for (int i = 0; i < n; i++) {
            sr[i] = refTerms[i][0] > 0.3 ? 1 : 0;
            sl[i] = laterTerms[i][0] > 0.3 ? 1 : 0;
            one[i] = sr[i] != sl[i] ? 1 : 0;
        }
        int byFlash = 0;
        int byAmplitude = 0;
        int oneShot = 0;
        double facetR = 0;
        double facetL = 0;
        for (int i = 0; i < n; i++) {
            if (one[i] == 1) {
                oneShot++;
                double[] lit = sr[i] == 1 ? refTerms[i] : laterTerms[i];
                byFlash += lit[2] > 0 && 7.5 * lit[3] < 0.3 ? 1 : 0;
                byAmplitude += 7.5 * refTerms[i][3] >= 0.3 && 7.5 * laterTerms[i][3] >= 0.3 ? 1 : 0;
            }
            facetR += refTerms[i][3] > 0.04 ? 1 : 0;
            facetL += laterTerms[i][3] > 0.04 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "  one-shot sparklers lit only by the flash term: %d, both facets could sparkle (7.5 f80 >= 0.3 in both shots:"
                + " the per-shot random amplitude decided) %d, of %d; facing^80 > 0.04 (facet can sparkle over 0.3):"
                + " ref %.0f later %.0f of %d particles%n", byFlash, byAmplitude, oneShot, facetR, facetL, n);
        List<Integer> group = new ArrayList<>();
        int[] tallyG = new int[4];
        int[] tallyC = new int[4];
        int[] tallyA = new int[4];
        int nc = 0;
        for (int i = 0; i < n; i++) {
            int k = cellOf(cells, pos[i][0], pos[i][1]);
            tallyA[0]++;
            tallyA[1] += sr[i];
            tallyA[2] += sl[i];
            tallyA[3] += one[i];
            if (k >= 0 && inGroup[k]) {
                group.add(i);
                tallyG[0]++;
                tallyG[1] += sr[i];
                tallyG[2] += sl[i];
                tallyG[3] += one[i];
            } else if (k >= 0 && control[k]) {
                tallyC[0]++;
                tallyC[1] += sr[i];
                tallyC[2] += sl[i];
                tallyC[3] += one[i];
            }
        }
        java.util.Random shuffle = new java.util.Random(1);
        int at = 0;
        int trials = 2000;
        int[] perm = one.clone();
        for (int t = 0; t < trials; t++) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int x = perm[i];
                perm[i] = perm[j];
                perm[j] = x;
            }
            int c = 0;
            for (int i : group) {
                c += perm[i];
            }
            at += c >= tallyG[3] ? 1 : 0;
        }
        double[] neighbour = new double[n];
        for (int i = 0; i < n; i++) {
            Particle p = particles.get(i);
            double[] d = new double[n];
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                Particle q = particles.get(j);
                d[j] = j == i ? Double.MAX_VALUE : Math.hypot(p.x() - q.x(), p.y() - q.y());
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            double m = 0;
            for (int j = 0; j < 6; j++) {
                m += one[order[j]];
            }
            neighbour[i] = m / 6;
        }
        System.out.printf(Locale.ROOT, "  SPARKLE (>0.3): particles sparkling ref/later/in one shot only: group %d/%d/%d of %d (one-shot %.2f),"
                        + " control %d/%d/%d of %d (%.2f), whole seal %d/%d/%d of %d (%.2f); permutation p(group one-shot >= seen) %.4f;"
                        + " corr(own, 6-nearest mean) %.3f%n", tallyG[1], tallyG[2], tallyG[3], tallyG[0], tallyG[3] / Math.max(1.0, tallyG[0]),
                tallyC[1], tallyC[2], tallyC[3], tallyC[0], tallyC[3] / Math.max(1.0, tallyC[0]), tallyA[1], tallyA[2], tallyA[3], tallyA[0],
                tallyA[3] / Math.max(1.0, tallyA[0]), at / (double) trials, correlation(one, neighbour));
    }

    private static double correlation(int[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(Math.max(1e-12, saa * sbb));
    }
}
