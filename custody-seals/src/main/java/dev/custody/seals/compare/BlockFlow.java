package dev.custody.seals.compare;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Residual alignment after the homography: block matching of the structure images, coarse to fine,
 * then a median over neighbouring cells so that only smooth, shared motion (the dome's parallax)
 * is corrected, never the motion of one patch of flakes that was moved.
 */
public final class BlockFlow {
    /** Below this correlation a block's best match means nothing (changed or textureless). */
    private static final double RELIABLE = 0.3;

    private BlockFlow() {}

    /** Estimates d with photo(p) ≈ reference(p + d), |d| up to about {@code radius} pixels. */
    public static FlowField estimate(Gray reference, Gray photo, int cell, int radius) {
        FlowField initial;
        int search;
        if (radius > 3 && cell >= 8 && reference.width() >= 64 && reference.height() >= 64) {
            FlowField coarse = estimate(GrayOps.shrink(reference, 2), GrayOps.shrink(photo, 2), cell / 2, (radius + 1) / 2);
            initial = upsample(coarse, reference.width(), reference.height(), cell);
            search = 2;
        } else {
            int columns = (reference.width() + cell - 1) / cell;
            int rows = (reference.height() + cell - 1) / cell;
            initial = FlowField.zero(columns, rows, cell);
            search = radius;
        }
        return smooth(match(reference, photo, initial, search));
    }

    private static FlowField upsample(FlowField coarse, int width, int height, int cell) {
        int columns = (width + cell - 1) / cell;
        int rows = (height + cell - 1) / cell;
        float[] dx = new float[columns * rows];
        float[] dy = new float[columns * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double[] d = coarse.at((c + 0.5) * cell / 2.0, (r + 0.5) * cell / 2.0);
                dx[r * columns + c] = (float) (2 * d[0]);
                dy[r * columns + c] = (float) (2 * d[1]);
            }
        }
        return new FlowField(columns, rows, cell, dx, dy);
    }

    /** Best displacement of each cell and how well it matched, before smoothing. */
    private record Matches(int columns, int rows, int cell, float[] dx, float[] dy, float[] quality) {}

    private static Matches match(Gray reference, Gray photo, FlowField initial, int search) {
        int columns = initial.columns();
        int rows = initial.rows();
        int cell = initial.cell();
        float[] dx = new float[columns * rows];
        float[] dy = new float[columns * rows];
        float[] quality = new float[columns * rows];
        IntStream.range(0, rows * columns).parallel().forEach(i -> {
            int cx = (int) ((i % columns + 0.5) * cell);
            int cy = (int) ((i / columns + 0.5) * cell);
            int ix = Math.round(initial.dx()[i]);
            int iy = Math.round(initial.dy()[i]);
            int size = 2 * search + 1;
            double[] scores = new double[size * size];
            int best = -1;
            for (int sy = -search; sy <= search; sy++) {
                for (int sx = -search; sx <= search; sx++) {
                    int k = (sy + search) * size + sx + search;
                    scores[k] = ncc(photo, reference, cx - cell, cy - cell, 2 * cell, ix + sx, iy + sy);
                    if (best < 0 || scores[k] > scores[best]) {
                        best = k;
                    }
                }
            }
            int bx = best % size;
            int by = best / size;
            dx[i] = (float) (ix + bx - search + subpixel(scores, bx, by, size, 1));
            dy[i] = (float) (iy + by - search + subpixel(scores, bx, by, size, size));
            quality[i] = (float) scores[best];
        });
        return new Matches(columns, rows, cell, dx, dy, quality);
    }

    /** Parabola through the best score and its two neighbours along one axis. */
    private static double subpixel(double[] s, int bx, int by, int size, int step) {
        int k = by * size + bx;
        boolean atEdge = step == 1 ? bx == 0 || bx == size - 1 : by == 0 || by == size - 1;
        if (atEdge) {
            return 0;
        }
        double left = s[k - step];
        double right = s[k + step];
        double denominator = left - 2 * s[k] + right;
        return denominator < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / denominator)) : 0;
    }

    /** Normalised cross-correlation of a photo block with the reference block shifted by (sx, sy). */
    static double ncc(Gray photo, Gray reference, int x0, int y0, int size, int sx, int sy) {
        int w = photo.width();
        int h = photo.height();
        int xa = Math.max(Math.max(0, x0), -sx);
        int ya = Math.max(Math.max(0, y0), -sy);
        int xb = Math.min(Math.min(w, x0 + size), w - sx);
        int yb = Math.min(Math.min(h, y0 + size), h - sy);
        if (xb - xa < 4 || yb - ya < 4) {
            return -1;
        }
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        float[] p = photo.data();
        float[] r = reference.data();
        for (int y = ya; y < yb; y++) {
            int i = y * w;
            int j = (y + sy) * w + sx;
            for (int x = xa; x < xb; x++) {
                double a = p[i + x];
                double b = r[j + x];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        double n = (double) (xb - xa) * (yb - ya);
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        if (va <= 1e-6 || vb <= 1e-6) {
            return -1;
        }
        return (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    /** Median of the reliable cells around each cell, then a mean: smooth motion only. */
    private static FlowField smooth(Matches raw) {
        int columns = raw.columns();
        int rows = raw.rows();
        int cell = raw.cell();
        float[] dx = new float[columns * rows];
        float[] dy = new float[columns * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float[] xs = new float[25];
                float[] ys = new float[25];
                int n = 0;
                for (int rr = Math.max(0, r - 2); rr <= Math.min(rows - 1, r + 2); rr++) {
                    for (int cc = Math.max(0, c - 2); cc <= Math.min(columns - 1, c + 2); cc++) {
                        int k = rr * columns + cc;
                        if (raw.quality()[k] >= RELIABLE) {
                            xs[n] = raw.dx()[k];
                            ys[n] = raw.dy()[k];
                            n++;
                        }
                    }
                }
                if (n > 0) {
                    dx[r * columns + c] = median(xs, n);
                    dy[r * columns + c] = median(ys, n);
                }
            }
        }
        return new FlowField(columns, rows, cell, mean3(dx, columns, rows), mean3(dy, columns, rows));
    }

    private static float median(float[] values, int n) {
        float[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }

    private static float[] mean3(float[] v, int columns, int rows) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float s = 0;
                int n = 0;
                for (int rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++) {
                    for (int cc = Math.max(0, c - 1); cc <= Math.min(columns - 1, c + 1); cc++) {
                        s += v[rr * columns + cc];
                        n++;
                    }
                }
                out[r * columns + c] = s / n;
            }
        }
        return out;
    }
}
