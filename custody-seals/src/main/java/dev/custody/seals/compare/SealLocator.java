package dev.custody.seals.compare;

import dev.custody.seals.Region;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Finds the seal in a reference photo without help: the glitter-covered area (with the screw head
 * or seam under it, and the polish's edge), as the largest connected patch where small bright and
 * dark specks are dense. Case grain, a desk or a wall have far weaker fine detail than metal flakes.
 */
public final class SealLocator {
    /** The long side the search works at: flakes stay a few pixels wide, the search stays fast. */
    private static final int SIDE = 480;
    /** A cell is glitter when its fine-detail density reaches this share of the densest cells'. */
    private static final double DENSE = 0.3;
    /** The seal's edge (the polish outline) lies a little outside its outermost flakes. */
    private static final double MARGIN = 0.06;

    private SealLocator() {}

    /** The seal's area in the reference's full-resolution pixels; empty when no glitter patch stands out. */
    public static Optional<SealArea> find(Pyramid reference) {
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
        boolean[] seal = Components.of(dense, w, h).largest();
        int count = 0;
        for (boolean on : seal) {
            count += on ? 1 : 0;
        }
        if (count < 0.005 * w * h) {
            return Optional.empty();
        }
        return Optional.of(withMargin(fillHoles(seal, w, h), w, h, factor, full));
    }

    /** A seal's core (a mask at 1/factor of the reference's pixels) with the margin for the polish outline around it. */
    static SealArea withMargin(boolean[] core, int w, int h, int factor, Gray full) {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int i = 0; i < core.length; i++) {
            if (core[i]) {
                x0 = Math.min(x0, i % w);
                x1 = Math.max(x1, i % w);
                y0 = Math.min(y0, i / w);
                y1 = Math.max(y1, i / w);
            }
        }
        return toFull(fillHoles(dilate(core, w, h, margin(Math.max(x1 - x0, y1 - y0))), w, h), core, w, h, factor, full);
    }

    /** How far the polish's outline lies beyond the glitter of a seal this many pixels across. */
    static int margin(int extent) {
        return (int) Math.ceil(MARGIN * extent) + 1;
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

    /** Grows the mask by a square of half-side r. */
    static boolean[] dilate(boolean[] mask, int w, int h, int r) {
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
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            for (int j : new int[] {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1}) {
                if (j >= 0 && !mask[j] && !outside[j]) {
                    outside[j] = true;
                    queue.add(j);
                }
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = !outside[i];
        }
        return out;
    }
}
