package dev.custody.seals.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Residual alignment after the homography, from the flakes' positions: what is left on a dome
 * (parallax) is a smooth shift of a few pixels that the flakes around each place agree on. Each
 * clear flake of the reference votes for every shift that would put it on a flake of the photo;
 * around each cell the shift most flakes agree on wins. Sparkle does not matter (a dull flake is
 * still a maximum at its place) and block correlation of sparkling images, which it replaces,
 * failed on domes where most flakes sparkled differently. A moved patch of flakes cannot pull the
 * field: it moves further than the search reaches, and its neighbours outvote it.
 */
final class FlakeFlow {
    /** Reference flakes: maxima of the band-pass magnitude this many robust spreads above zero. */
    private static final double CLEAR = 3;
    /** Photo flakes: fainter ones count, a flake that does not sparkle in the photo is still there. */
    private static final double PHOTO = 2;
    /** A cell's shift is trusted when this share of its neighbourhood's flakes agree on it. */
    private static final double AGREEMENT = 0.3;
    /** And at least this many flakes. */
    private static final int MIN_VOTES = 5;

    private FlakeFlow() {}

    /**
     * Estimates d with photo(p) ≈ reference(p + d), |d| up to {@code search} pixels.
     *
     * @param reach how far (pixels) from a cell's centre its flakes are taken
     */
    static FlowField estimate(Gray referenceBand, Gray photoBand, boolean[] valid, int cell, int search, int reach) {
        int w = photoBand.width();
        int h = photoBand.height();
        List<int[]> reference = FlakeEvidence.maxima(referenceBand, valid, CLEAR);
        List<int[]> photo = FlakeEvidence.maxima(photoBand, valid, PHOTO);
        List<float[]> shifts = candidateShifts(reference, photo, w, h, search);
        int columns = (w + cell - 1) / cell;
        int rows = (h + cell - 1) / cell;
        float[] dx = new float[columns * rows];
        float[] dy = new float[columns * rows];
        boolean[] trusted = new boolean[columns * rows];
        int size = 2 * search + 1;
        float[] votes = new float[size * size];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double cx = (c + 0.5) * cell;
                double cy = (r + 0.5) * cell;
                Arrays.fill(votes, 0);
                int voters = 0;
                for (int k = 0; k < reference.size(); k++) {
                    int[] p = reference.get(k);
                    if (Math.abs(p[0] - cx) > reach || Math.abs(p[1] - cy) > reach) {
                        continue;
                    }
                    voters++;
                    float[] s = shifts.get(k);
                    for (int j = 0; j < s.length; j += 2) {
                        splat(votes, size, s[j] + search, s[j + 1] + search);
                    }
                }
                int best = peak(votes, size);
                double support = windowSum(votes, size, best % size, best / size);
                int i = r * columns + c;
                if (voters > 0 && support >= Math.max(MIN_VOTES, AGREEMENT * voters)) {
                    double[] refined = centroid(votes, size, best % size, best / size);
                    // the vote is photo minus reference; the field says where the reference is seen
                    dx[i] = (float) -(refined[0] - search);
                    dy[i] = (float) -(refined[1] - search);
                    trusted[i] = true;
                }
            }
        }
        boolean[] known = fill(dx, dy, trusted, columns, rows);
        return smoothed(columns, rows, cell, dx, dy, known);
    }

    /** For each reference flake, the shifts (x, y pairs) to every photo flake within the search. */
    private static List<float[]> candidateShifts(List<int[]> reference, List<int[]> photo, int w, int h, int search) {
        int bucket = Math.max(1, search);
        int bw = w / bucket + 1;
        int bh = h / bucket + 1;
        List<List<int[]>> grid = new ArrayList<>(bw * bh);
        for (int i = 0; i < bw * bh; i++) {
            grid.add(new ArrayList<>(2));
        }
        for (int[] p : photo) {
            grid.get(p[1] / bucket * bw + p[0] / bucket).add(p);
        }
        List<float[]> out = new ArrayList<>(reference.size());
        for (int[] r : reference) {
            List<Float> s = new ArrayList<>();
            int gx = r[0] / bucket;
            int gy = r[1] / bucket;
            for (int y = Math.max(0, gy - 1); y <= Math.min(bh - 1, gy + 1); y++) {
                for (int x = Math.max(0, gx - 1); x <= Math.min(bw - 1, gx + 1); x++) {
                    for (int[] p : grid.get(y * bw + x)) {
                        int ddx = p[0] - r[0];
                        int ddy = p[1] - r[1];
                        if (Math.abs(ddx) < search && Math.abs(ddy) < search) {
                            s.add((float) ddx);
                            s.add((float) ddy);
                        }
                    }
                }
            }
            float[] a = new float[s.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = s.get(i);
            }
            out.add(a);
        }
        return out;
    }

    private static void splat(float[] votes, int size, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        add(votes, size, x0, y0, (1 - fx) * (1 - fy));
        add(votes, size, x0 + 1, y0, fx * (1 - fy));
        add(votes, size, x0, y0 + 1, (1 - fx) * fy);
        add(votes, size, x0 + 1, y0 + 1, fx * fy);
    }

    private static void add(float[] votes, int size, int x, int y, double v) {
        if (x >= 0 && y >= 0 && x < size && y < size) {
            votes[y * size + x] += (float) v;
        }
    }

    /** The bin whose 3×3 window holds the most votes: a flake's centre wanders by a pixel. */
    private static int peak(float[] votes, int size) {
        int best = size / 2 * size + size / 2;
        double bestSum = -1;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                double s = windowSum(votes, size, x, y);
                if (s > bestSum) {
                    bestSum = s;
                    best = y * size + x;
                }
            }
        }
        return best;
    }

    private static double windowSum(float[] votes, int size, int x, int y) {
        double s = 0;
        for (int yy = Math.max(0, y - 1); yy <= Math.min(size - 1, y + 1); yy++) {
            for (int xx = Math.max(0, x - 1); xx <= Math.min(size - 1, x + 1); xx++) {
                s += votes[yy * size + xx];
            }
        }
        return s;
    }

    private static double[] centroid(float[] votes, int size, int x, int y) {
        double s = 0;
        double sx = 0;
        double sy = 0;
        for (int yy = Math.max(0, y - 1); yy <= Math.min(size - 1, y + 1); yy++) {
            for (int xx = Math.max(0, x - 1); xx <= Math.min(size - 1, x + 1); xx++) {
                double v = votes[yy * size + xx];
                s += v;
                sx += v * xx;
                sy += v * yy;
            }
        }
        return s <= 0 ? new double[] {x, y} : new double[] {sx / s, sy / s};
    }

    /** Untrusted cells take the mean of trusted neighbours, growing outwards; none trusted: no shift. */
    private static boolean[] fill(float[] dx, float[] dy, boolean[] trusted, int columns, int rows) {
        boolean[] known = trusted.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            boolean[] next = known.clone();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    int i = r * columns + c;
                    if (known[i]) {
                        continue;
                    }
                    double sx = 0;
                    double sy = 0;
                    int n = 0;
                    for (int rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++) {
                        for (int cc = Math.max(0, c - 1); cc <= Math.min(columns - 1, c + 1); cc++) {
                            int k = rr * columns + cc;
                            if (known[k]) {
                                sx += dx[k];
                                sy += dy[k];
                                n++;
                            }
                        }
                    }
                    if (n > 0) {
                        dx[i] = (float) (sx / n);
                        dy[i] = (float) (sy / n);
                        next[i] = true;
                        changed = true;
                    }
                }
            }
            known = next;
        }
        return known;
    }

    /** The median of the reliable cells in the 5×5 around each cell, then the mean of 3×3. */
    private static FlowField smoothed(int columns, int rows, int cell, float[] rawX, float[] rawY, boolean[] reliable) {
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
                        if (reliable[k]) {
                            xs[n] = rawX[k];
                            ys[n] = rawY[k];
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
