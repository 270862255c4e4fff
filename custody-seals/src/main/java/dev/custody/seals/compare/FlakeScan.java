package dev.custody.seals.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whether the pair's unmatched flakes crowd together somewhere more than chance would crowd them.
 * Glitter flickers flake by flake: between two honest photos each flake may sparkle in one of them
 * only, independently of its neighbours, and the comparator's scan for doubtful areas then finds
 * the places where such flakes happened to fall close together. Removed, moved, scratched or
 * re-applied flakes crowd far more. So the pair's own labels are shuffled among its own flakes, and
 * the most crowded window of the seal is compared with the most crowded window of each shuffle: the
 * share of shuffles that reach it is the p-value. This is the scan statistic of epidemiology
 * (Kulldorff's binomial likelihood ratio over windows of several sizes), so the number of windows
 * tried is paid for. Every maximum of a sparkle's rings is one flake here: maxima of the same image
 * this close together are counted once, as unmatched only if none of them is matched.
 */
final class FlakeScan {
    /** Shuffles; with a fixed seed, so the same pair always gets the same verdict. */
    static final int SHUFFLES = 999;
    /**
     * A crowd of unmatched flakes that at most this share of shuffles reach is not flicker. In a
     * first look at the tuning seed (101, 20 + 20 stickers and 40 + 40 round and strip seals,
     * 999 shuffles, rings merged within 8 px) honest pairs reached 0.001–1 (the flicker is not
     * quite independent), tampered ones 0.001–0.010 (a scratch or a moved patch of few flakes);
     * this bar leaves the tampered pairs twice that margin.
     */
    static final double SIGNIFICANT = 0.02;
    /** Window sides, in cells: a removed flake or two, a small patch, the patch the comparison promises to see. */
    private static final int[] SIDES = {2, 3, 5};
    private static final long SEED = 0x5CA7L;

    private final int columns;
    private final int rows;
    private final int[] cellOf;
    private final int[] unmatched;
    /** Per window holding enough flakes: the four corners of its sum in the prefix-sum table. */
    private final int[][] corners;
    private final int[] flakesIn;
    /** The likelihood ratio of u unmatched of n flakes, at [n * (largest + 1) + u]. */
    private final double[] ratios;
    private final int largest;

    /** @param flakes x, y, 1 if unmatched, and 0 for the reference's or 1 for the photo's */
    private FlakeScan(CellMap cells, List<int[]> flakes) {
        this.columns = cells.columns();
        this.rows = cells.rows();
        this.cellOf = new int[flakes.size()];
        this.unmatched = new int[flakes.size()];
        int[] perCell = new int[columns * rows];
        int total = 0;
        for (int i = 0; i < flakes.size(); i++) {
            int[] p = flakes.get(i);
            cellOf[i] = (p[1] / cells.cell()) * columns + p[0] / cells.cell();
            unmatched[i] = p[2];
            perCell[cellOf[i]]++;
            total += p[2];
        }
        int[] sums = prefixSums(perCell);
        List<int[]> windows = new ArrayList<>();
        int w = columns + 1;
        for (int side : SIDES) {
            for (int r0 = 0; r0 + side <= rows; r0++) {
                for (int c0 = 0; c0 + side <= columns; c0++) {
                    int[] corner = {(r0 + side) * w + c0 + side, r0 * w + c0 + side, (r0 + side) * w + c0, r0 * w + c0};
                    if (window(sums, corner) >= FlakeEvidence.MIN_FLAKES) {
                        windows.add(corner);
                    }
                }
            }
        }
        this.corners = windows.toArray(int[][]::new);
        this.flakesIn = new int[corners.length];
        int most = 0;
        for (int k = 0; k < corners.length; k++) {
            flakesIn[k] = window(sums, corners[k]);
            most = Math.max(most, flakesIn[k]);
        }
        this.largest = most;
        this.ratios = likelihoodRatios(most, flakes.isEmpty() ? 0 : total / (double) flakes.size());
    }

    /** @param together maxima of one image closer than this (frame pixels) are one flake */
    static FlakeScan of(CellMap cells, List<int[]> flakes, double together) {
        return new FlakeScan(cells, merged(flakes, together));
    }

    /** The share of shuffles whose most crowded window is at least as crowded as the pair's own. */
    double pValue() {
        return (1 + reached(SHUFFLES)) / (double) (1 + SHUFFLES);
    }

    /** Whether {@link #pValue()} is at most {@link #SIGNIFICANT}; stops shuffling as soon as it cannot be. */
    boolean crowdedBeyondChance() {
        int allowed = (int) Math.floor(SIGNIFICANT * (1 + SHUFFLES)) - 1;
        return reached(allowed + 1) <= allowed;
    }

    /** How many shuffles reach the pair's own most crowded window, counting up to {@code enough}. */
    private int reached(int enough) {
        double observed = mostCrowded(unmatched);
        if (observed <= 0) {
            return SHUFFLES;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int[] shuffled = unmatched.clone();
        int reached = 0;
        for (int k = 0; k < SHUFFLES && reached < enough; k++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            reached += mostCrowded(shuffled) >= observed ? 1 : 0;
        }
        return reached;
    }

    /** The largest binomial log-likelihood ratio of any window holding enough flakes. */
    private double mostCrowded(int[] labels) {
        int[] perCellUnmatched = new int[columns * rows];
        for (int i = 0; i < labels.length; i++) {
            perCellUnmatched[cellOf[i]] += labels[i];
        }
        int[] lost = prefixSums(perCellUnmatched);
        double most = 0;
        for (int k = 0; k < corners.length; k++) {
            most = Math.max(most, ratios[flakesIn[k] * (largest + 1) + window(lost, corners[k])]);
        }
        return most;
    }

    /**
     * How much likelier u unmatched of n is at their own share than at the pair's rate (0 if not
     * above it), for every n and u up to the most flakes a window holds.
     */
    private static double[] likelihoodRatios(int largest, double rate) {
        double[] ratios = new double[(largest + 1) * (largest + 1)];
        if (rate <= 0 || rate >= 1) {
            return ratios;
        }
        for (int n = 1; n <= largest; n++) {
            for (int u = 0; u <= n; u++) {
                double share = u / (double) n;
                if (share > rate) {
                    double matched = u == n ? 0 : (n - u) * Math.log((1 - share) / (1 - rate));
                    ratios[n * (largest + 1) + u] = u * Math.log(share / rate) + matched;
                }
            }
        }
        return ratios;
    }

    private int[] prefixSums(int[] v) {
        int w = columns + 1;
        int[] p = new int[w * (rows + 1)];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                p[(r + 1) * w + c + 1] = v[r * columns + c] + p[r * w + c + 1] + p[(r + 1) * w + c] - p[r * w + c];
            }
        }
        return p;
    }

    private static int window(int[] sums, int[] corner) {
        return sums[corner[0]] - sums[corner[1]] - sums[corner[2]] + sums[corner[3]];
    }

    /** One flake per cluster of maxima of the same image: unmatched only if all of them are. */
    private static List<int[]> merged(List<int[]> flakes, double together) {
        List<int[]> kept = new ArrayList<>();
        double together2 = together * together;
        for (int[] p : flakes) {
            int[] owner = null;
            for (int[] q : kept) {
                double dx = q[0] - p[0];
                double dy = q[1] - p[1];
                if (q[3] == p[3] && dx * dx + dy * dy <= together2) {
                    owner = q;
                    break;
                }
            }
            if (owner == null) {
                kept.add(p.clone());
            } else {
                owner[2] &= p[2];
            }
        }
        return kept;
    }
}
