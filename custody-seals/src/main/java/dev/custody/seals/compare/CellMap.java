package dev.custody.seals.compare;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How alike the two structure images are, cell by cell: the lower of (2 cov + c) / (var a + var b + c),
 * the contrast-structure term of SSIM, and 1 − weight × (presence in one image that the other lacks
 * nearby). 1 = same structure, 0 or below = changed; NaN where the cell is not part of the
 * comparison (outside the seal or outside either photo).
 */
public record CellMap(int columns, int rows, int cell, float[] similarity) {
    /**
     * Differences of flake presence beyond this are real (a flake, a groove) rather than flicker
     * or noise; a thin scratch covers little of a cell but differs strongly where it is.
     */
    private static final double TOLERANCE = 0.25;
    private static final double EXCESS_WEIGHT = 8;
    /**
     * Structure in one image only counts as excess if the other has none within this many pixels:
     * a sparkle blurs into a bigger blob than the same flake unlit, which is not a change.
     */
    private static final int NEAR = 2;
    /**
     * The reference is also tried one pixel off in each direction and the best is kept: what is
     * left of the dome's parallax after the flow must not look like change.
     */
    private static final int[][] SHIFTS = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}};

    public static CellMap compare(Gray reference, Gray photo, boolean[] inside, int cell) {
        Gray referenceNear = GrayOps.maxFilter(reference, NEAR);
        Gray photoNear = GrayOps.maxFilter(photo, NEAR);
        int w = photo.width();
        int h = photo.height();
        int columns = (w + cell - 1) / cell;
        int rows = (h + cell - 1) / cell;
        double[][][] stats = new double[SHIFTS.length][columns * rows][];
        IntStream.range(0, columns * rows).parallel().forEach(i -> {
            for (int k = 0; k < SHIFTS.length; k++) {
                stats[k][i] = moments(reference, photo, referenceNear, photoNear, inside, cell, (i % columns) * cell,
                        (i / columns) * cell, SHIFTS[k]);
            }
        });
        // the stabiliser scales with how textured a typical cell is, so flat-against-flat is "alike"
        double[] variances = Arrays.stream(stats[0]).filter(s -> s != null).mapToDouble(s -> (s[0] + s[1]) / 2).sorted().toArray();
        double stabiliser = variances.length == 0 ? 1 : 0.5 * variances[variances.length / 2] + 1e-6;
        float[] similarity = new float[columns * rows];
        for (int i = 0; i < similarity.length; i++) {
            similarity[i] = Float.NaN;
            for (double[][] shifted : stats) {
                double[] s = shifted[i];
                if (s != null) {
                    double structure = (2 * s[2] + stabiliser) / (s[0] + s[1] + stabiliser);
                    float value = (float) Math.min(structure, 1 - EXCESS_WEIGHT * s[3]);
                    similarity[i] = Float.isNaN(similarity[i]) ? value : Math.max(similarity[i], value);
                }
            }
        }
        return new CellMap(columns, rows, cell, similarity);
    }

    /** Variance of each image and their covariance over one cell; null if too little of it is compared. */
    private static double[] moments(Gray reference, Gray photo, Gray referenceNear, Gray photoNear, boolean[] inside,
                                    int cell, int x0, int y0, int[] shift) {
        int w = photo.width();
        int h = photo.height();
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, excess = 0;
        int n = 0;
        int total = 0;
        for (int y = y0; y < Math.min(h, y0 + cell); y++) {
            for (int x = x0; x < Math.min(w, x0 + cell); x++) {
                total++;
                int k = y * w + x;
                int xs = x + shift[0];
                int ys = y + shift[1];
                if (!inside[k] || xs < 0 || ys < 0 || xs >= w || ys >= h) {
                    continue;
                }
                double a = reference.data()[ys * w + xs];
                double b = photo.data()[k];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
                excess += Math.max(0, a - photoNear.data()[k] - TOLERANCE)
                        + Math.max(0, b - referenceNear.data()[ys * w + xs] - TOLERANCE);
                n++;
            }
        }
        if (n < 0.6 * cell * cell || n < 0.6 * total) {
            return null;
        }
        return new double[] {saa / n - sa * sa / n / n, sbb / n - sb * sb / n / n, sab / n - sa * sb / n / n, excess / n};
    }

    public float at(int column, int row) {
        return similarity[row * columns + column];
    }

    public int compared() {
        int n = 0;
        for (float s : similarity) {
            if (!Float.isNaN(s)) {
                n++;
            }
        }
        return n;
    }
}
