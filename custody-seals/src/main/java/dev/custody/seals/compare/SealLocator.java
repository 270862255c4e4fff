package dev.custody.seals.compare;

import dev.custody.seals.Region;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Finds the seal in a reference photo without help: the glitter-covered area (with the screw head
 * or seam under it, and the polish's edge), as the largest connected patch where small bright and
 * dark specks are dense, with the duller glitter joined to it counted flake by flake. Case grain,
 * a desk or a wall have far weaker fine detail than metal flakes.
 */
public final class SealLocator {
    /** The long side the search works at: flakes stay a few pixels wide, the search stays fast. */
    private static final int SIDE = 480;
    /** A cell is glitter when its fine-detail density reaches this share of the densest cells'. */
    private static final double DENSE = 0.3;
    /** The seal's edge (the polish outline) lies a little outside its outermost flakes. */
    private static final double MARGIN = 0.06;

    /** The seal's own flake density: this quantile of it over the dense area found first. */
    private static final float SEAL_TOP = 0.9f;
    /**
     * Texture counts as glitter at this share of the seal's own flake density. On the tuning seed
     * (101) at 0.5 the found domes and strips shrank where their glitter thins out; at 0.25 more
     * of a sticker's case came in.
     */
    private static final double GLITTER_SHARE = 0.35;
    /** Below this share of the dense area being glitter, the flakes are not trusted to extend it. */
    private static final double MIN_GLITTER = 0.2;

    private SealLocator() {}

    /**
     * The seal found, and the densest detail it was grown from. {@link SealCoverage} judges the
     * densest detail: where it alone leaves glitter out, the glitter added is duller, and on the
     * tuning seed the decision missed changes on it (a removed patch and a scratch on domes) once
     * it was compared; there the answer stays cannot-verify.
     */
    public record Located(SealArea seal, SealArea densest) {}

    /** The seal's area in the reference's full-resolution pixels; empty when no glitter patch stands out. */
    public static Optional<SealArea> find(Pyramid reference) {
        return search(reference).map(Located::seal);
    }

    /** The seal and the densest detail it grew from; empty when no glitter patch stands out. */
    public static Optional<Located> search(Pyramid reference) {
        Gray full = reference.full();
        int factor = Math.max(1, (int) Math.ceil(Math.max(full.width(), full.height()) / (double) SIDE));
        Gray level = reference.level(factor);
        int w = level.width();
        int h = level.height();
        Gray fine = GrayOps.subtract(level, GrayOps.blur(level, 2.0));
        float[] energy = new float[w * h];
        for (int i = 0; i < energy.length; i++) {
            energy[i] = Math.abs(fine.data()[i]);
        }
        Gray density = GrayOps.blur(new Gray(w, h, energy), Math.max(w, h) / 60.0);
        float floor = Structure.percentile(density.data(), 0.2f);
        float top = Structure.percentile(density.data(), 0.995f);
        if (top < 3 * floor + 1) {
            return Optional.empty();
        }
        float threshold = (float) (floor + DENSE * (top - floor));
        boolean[] dense = new boolean[w * h];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = density.data()[i] >= threshold;
        }
        boolean[] seal = largestComponent(dense, w, h);
        int count = 0;
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int i = 0; i < seal.length; i++) {
            if (seal[i]) {
                count++;
                x0 = Math.min(x0, i % w);
                x1 = Math.max(x1, i % w);
                y0 = Math.min(y0, i / w);
                y1 = Math.max(y1, i / w);
            }
        }
        if (count < 0.005 * w * h) {
            return Optional.empty();
        }
        int grow = (int) Math.ceil(MARGIN * Math.max(x1 - x0, y1 - y0)) + 1;
        SealArea densest = area(seal, grow, level, factor, full);
        boolean[] glitter = glitterOf(level, fillHoles(seal, w, h));
        if (glitter == null) {
            return Optional.of(new Located(densest, densest));
        }
        boolean[] joined = seal.clone();
        for (int i = 0; i < joined.length; i++) {
            joined[i] |= glitter[i];
        }
        return Optional.of(new Located(area(joined, grow, level, factor, full), densest));
    }

    private static SealArea area(boolean[] seal, int margin, Gray level, int factor, Gray full) {
        int w = level.width();
        int h = level.height();
        boolean[] grown = fillHoles(dilate(seal, w, h, margin), w, h);
        return toFull(grown, fillHoles(seal, w, h), w, h, factor, full);
    }

    /**
     * The glitter joined to the dense detail found first, to be added to it: the connected
     * stretches of flake-dense texture ({@link Specks}, which ignores lines) that touch it. The
     * densest fine detail (sparkle, a rim, a screw's recess) sets the first threshold, so a dome's
     * or a strip's duller glitter is left out (on the tuning seed most strips lost their ends);
     * counted flakes find it. The density bar is the seal's own (its densest flakes), not
     * the photo's, so dull glitter beside sparkling glitter is still glitter. Only added: the
     * flakes alone would also cut the case out of a sticker's found area, and the decision's
     * rates, measured with that case in, then called honest stickers tampered (docs/benchmarks.md,
     * eleventh round). Null when the dense area holds too few flakes to trust them.
     */
    private static boolean[] glitterOf(Gray level, boolean[] core) {
        int w = level.width();
        int h = level.height();
        float[] density = Specks.density(level).data();
        float[] onCore = new float[w * h];
        int n = 0;
        for (int i = 0; i < core.length; i++) {
            if (core[i]) {
                onCore[n++] = density[i];
            }
        }
        float bar = (float) (GLITTER_SHARE * Structure.percentile(java.util.Arrays.copyOf(onCore, n), SEAL_TOP));
        boolean[] glitter = new boolean[w * h];
        int inCore = 0;
        for (int i = 0; i < glitter.length; i++) {
            glitter[i] = bar > 0 && density[i] >= bar;
            inCore += glitter[i] && core[i] ? 1 : 0;
        }
        if (inCore < MIN_GLITTER * n) {
            return null;
        }
        return touching(glitter, core, w, h);
    }

    private static SealArea toFull(boolean[] mask, boolean[] core, int w, int h, int factor, Gray full) {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                x0 = Math.min(x0, i % w);
                x1 = Math.max(x1, i % w);
                y0 = Math.min(y0, i / w);
                y1 = Math.max(y1, i / w);
            }
        }
        int columns = x1 - x0 + 1;
        int rows = y1 - y0 + 1;
        boolean[] cells = new boolean[columns * rows];
        boolean[] coreCells = new boolean[columns * rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(mask, (y0 + r) * w + x0, cells, r * columns, columns);
            System.arraycopy(core, (y0 + r) * w + x0, coreCells, r * columns, columns);
        }
        int bx = x0 * factor;
        int by = y0 * factor;
        Region box = new Region(bx, by, Math.min(full.width() - bx, columns * factor), Math.min(full.height() - by, rows * factor));
        return new SealArea(box, factor, columns, rows, cells, coreCells);
    }

    /** The components of {@code on} that overlap {@code seed}. */
    private static boolean[] touching(boolean[] on, boolean[] seed, int w, int h) {
        boolean[] out = new boolean[on.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < on.length; i++) {
            if (on[i] && seed[i]) {
                out[i] = true;
                queue.add(i);
            }
        }
        flood(on, out, queue, w, h);
        return out;
    }

    /** Marks in {@code reached} every pixel of {@code through} that the queued pixels connect to. */
    private static void flood(boolean[] through, boolean[] reached, ArrayDeque<Integer> queue, int w, int h) {
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            for (int j : new int[] {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1}) {
                if (j >= 0 && through[j] && !reached[j]) {
                    reached[j] = true;
                    queue.add(j);
                }
            }
        }
    }

    private static boolean[] largestComponent(boolean[] on, int w, int h) {
        int[] label = new int[on.length];
        int best = 0;
        int bestSize = 0;
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < on.length; start++) {
            if (!on[start] || label[start] != 0) {
                continue;
            }
            next++;
            int size = 0;
            label[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                size++;
                int x = i % w;
                int y = i / w;
                for (int j : new int[] {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1}) {
                    if (j >= 0 && on[j] && label[j] == 0) {
                        label[j] = next;
                        queue.add(j);
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = next;
            }
        }
        boolean[] out = new boolean[on.length];
        for (int i = 0; i < on.length; i++) {
            out[i] = best != 0 && label[i] == best;
        }
        return out;
    }

    /** Grows the mask by a disc of radius r (a distance test per pixel near the mask's edge). */
    private static boolean[] dilate(boolean[] mask, int w, int h, int r) {
        Gray distanceSource = new Gray(w, h);
        for (int i = 0; i < mask.length; i++) {
            distanceSource.data()[i] = mask[i] ? 1 : 0;
        }
        Gray spread = GrayOps.maxFilter(distanceSource, r);
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = spread.data()[i] > 0;
        }
        return out;
    }

    /** Everything the outside cannot reach from the border is part of the seal (the screw head, a dark gap). */
    private static boolean[] fillHoles(boolean[] mask, int w, int h) {
        boolean[] outside = new boolean[mask.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < mask.length; i++) {
            int x = i % w;
            int y = i / w;
            if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && !mask[i]) {
                outside[i] = true;
                queue.add(i);
            }
        }
        boolean[] open = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            open[i] = !mask[i];
        }
        flood(open, outside, queue, w, h);
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = !outside[i];
        }
        return out;
    }
}
