package dev.custody.seals.compare;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How alike the two structure images are, cell by cell: (2 cov + c) / (var a + var b + c), the
 * contrast-structure term of SSIM. 1 = same structure, about 0 = unrelated; NaN where the cell is not part
 * of the comparison (outside the seal or outside either photo).
 */
public record CellMap(int columns, int rows, int cell, float[] similarity) {

    public static CellMap compare(Gray reference, Gray photo, boolean[] inside, int cell) {
        int w = photo.width();
        int h = photo.height();
        int columns = (w + cell - 1) / cell;
        int rows = (h + cell - 1) / cell;
        double[][] stats = new double[columns * rows][];
        IntStream.range(0, columns * rows).parallel().forEach(i -> stats[i] = moments(reference, photo, inside, cell,
                (i % columns) * cell, (i / columns) * cell));
        // the stabiliser scales with how textured a typical cell is, so flat-against-flat is "alike"
        double[] variances = Arrays.stream(stats).filter(s -> s != null).mapToDouble(s -> (s[0] + s[1]) / 2).sorted().toArray();
        double stabiliser = variances.length == 0 ? 1 : 0.1 * variances[variances.length / 2] + 1e-6;
        float[] similarity = new float[columns * rows];
        for (int i = 0; i < similarity.length; i++) {
            double[] s = stats[i];
            similarity[i] = s == null ? Float.NaN : (float) ((2 * s[2] + stabiliser) / (s[0] + s[1] + stabiliser));
        }
        return new CellMap(columns, rows, cell, similarity);
    }

    /** Variance of each image and their covariance over one cell; null if too little of it is compared. */
    private static double[] moments(Gray reference, Gray photo, boolean[] inside, int cell, int x0, int y0) {
        int w = photo.width();
        int h = photo.height();
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        int total = 0;
        for (int y = y0; y < Math.min(h, y0 + cell); y++) {
            for (int x = x0; x < Math.min(w, x0 + cell); x++) {
                total++;
                int k = y * w + x;
                if (!inside[k]) {
                    continue;
                }
                double a = reference.data()[k];
                double b = photo.data()[k];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
                n++;
            }
        }
        if (n < 0.6 * cell * cell || n < 0.6 * total) {
            return null;
        }
        return new double[] {saa / n - sa * sa / n / n, sbb / n - sb * sb / n / n, sab / n - sa * sb / n / n};
    }

    public float at(int column, int row) {
        return similarity[row * columns + column];
    }

    /** Mean similarity of the 2×2 cells starting at (column, row); NaN if fewer than 3 were compared. */
    public double block(int column, int row) {
        double sum = 0;
        int n = 0;
        for (int r = row; r < Math.min(rows, row + 2); r++) {
            for (int c = column; c < Math.min(columns, column + 2); c++) {
                float s = at(c, r);
                if (!Float.isNaN(s)) {
                    sum += s;
                    n++;
                }
            }
        }
        return n >= 3 ? sum / n : Double.NaN;
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
