package dev.custody.seals.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a doubtful area is backed by the flakes' positions, which is what is physically stable:
 * a flake that sparkles in one photo and is dull in the other is still a blob at the same place,
 * and the same place after blur. Flakes are the local maxima of the band-pass magnitude in both
 * aligned images; each clear one is matched to any, even faint, one in the other image within a
 * few pixels, or by its colour where it is unlit in the other ({@link FlakeColour}). Sparkle,
 * blur and noise leave a few unmatched flakes everywhere; tampering leaves many
 * together (flakes removed, moved, torn out along a scratch, or new ones in re-applied polish). So a
 * group of doubtful cells counts as change only if its share of unmatched flakes is well above the
 * pair's own rate elsewhere. Brightness plays no part beyond detection.
 */
final class FlakeEvidence {
    /** Flakes are maxima of the band-pass magnitude at least this many robust spreads above zero. */
    private static final double DETECTION = 3;
    /**
     * A flake is matched by any maximum at least this strong in the other image: a flake that
     * sparkled in one photo and is dull in the other is still there, only fainter.
     */
    private static final double FAINT = 1.5;
    /** How much higher than elsewhere the group's share of unmatched flakes must be. */
    static final double EXCESS = 0.15;
    /** And how many standard deviations of a binomial count at the pair's own rate. */
    static final double SIGNIFICANCE = 2.5;
    /**
     * A group's flakes this many spreads above the pair's rate are a change on their own. Honest
     * groups of the tuning seed (101, every design, groups of at least 12 flakes) reached 5.4; on
     * fresh held-out seeds one reached 8.99, on a pair its structure already called tampered
     * (docs/benchmarks.md, eighteenth round).
     */
    static final double OVERWHELMING = 7;
    /**
     * Fewer flakes than this in a small group cannot clear it: the structure evidence stands (fail
     * closed).
     */
    static final int MIN_FLAKES = 6;
    /** All of this many flakes gone can still be a change (see {@link #allOfAFewGone}); three could be chance. */
    static final int FEW_ALL_GONE = 4;

    /** The side, in cells, of the patches a large group is also judged by (about a removed patch). */
    static final int PATCH = 5;
    static final double PATCH_EXCESS = 0.3;
    static final double PATCH_SIGNIFICANCE = 3.5;

    /**
     * The share of unmatched flakes over the whole seal at which it is another pattern: the honest
     * pairs of the tuning seed looked at were at 0.06–0.14, re-applied seals at 0.71–0.78.
     */
    static final double DIFFERS_ALL_OVER = 0.45;
    /** Flakes needed before a seal-wide rate means anything. */
    static final int MIN_FLAKES_ALL_OVER = 30;
    /**
     * The most the pair's own clustering of unmatched flakes may widen the binomial spread (as a
     * variance factor). On the tuning seed honest stickers measured 1.1–8.9 (half under 2), tampered
     * pairs 1.3–30: re-applied parts covering much of a strip (24–30) went unflagged uncapped, as
     * their tiles differ wholesale, and a scratch across a dome (over 4) at a cap of 4. At 3 the
     * tuning seed's tampered pairs are flagged as often as with no widening at all.
     */
    static final double MAX_DISPERSION = 3;
    /** A cell this unlike its reference is where a group's change is (as in the report's changed regions). */
    static final double CHANGED = FrameComparison.CELL_CHANGED;

    private final CellMap cells;
    private final int flakes;
    private final int width;
    private final List<int[]> referenceFlakes;
    private final List<int[]> photoFlakes;
    private final boolean[] referenceMatched;
    private final boolean[] photoMatched;
    private final double rate;
    /** Flakes (of both photos) per compared cell of the seal. */
    private final double density;
    /** How much more unmatched counts vary from patch to patch of this pair than a binomial count. */
    private final double dispersion;

    private FlakeEvidence(CellMap cells, int width, List<int[]> referenceFlakes, List<int[]> photoFlakes,
                          boolean[] nearReference, boolean[] nearPhoto, boolean[] core, FlakeColour colour) {
        this.cells = cells;
        this.width = width;
        this.referenceFlakes = referenceFlakes;
        this.photoFlakes = photoFlakes;
        this.referenceMatched = new boolean[referenceFlakes.size()];
        for (int i = 0; i < referenceMatched.length; i++) {
            int[] p = referenceFlakes.get(i);
            referenceMatched[i] = nearPhoto[p[1] * width + p[0]] || colour.sameAt(p[0], p[1]);
        }
        this.photoMatched = new boolean[photoFlakes.size()];
        for (int i = 0; i < photoMatched.length; i++) {
            int[] p = photoFlakes.get(i);
            photoMatched[i] = nearReference[p[1] * width + p[0]] || colour.sameAt(p[0], p[1]);
        }
        boolean[] compared = new boolean[core.length];
        for (int c = 0; c < core.length; c++) {
            compared[c] = core[c] && !Float.isNaN(cells.similarity()[c]);
        }
        // over the whole seal, the doubtful groups included: a rate taken only outside them is biased
        // low (they were chosen for looking different), which made honest sparkle look like change
        int[] counted = unmatched(compared);
        this.rate = counted[0] == 0 ? 0.5 : counted[1] / (double) counted[0];
        this.flakes = counted[0];
        int comparedCells = 0;
        for (boolean c : compared) {
            comparedCells += c ? 1 : 0;
        }
        this.density = counted[0] / (double) Math.max(1, comparedCells);
        this.dispersion = dispersion(compared);
    }

    /**
     * Light falls unevenly (a hot spot, a gradient, gamma near white), so a photo's honest unmatched
     * flakes cluster where it lost contrast, and a binomial spread calls such a cluster change.
     * Measured over tiles of the seal by the median squared standardised count, which a few
     * tampered tiles do not move; between 1 and {@link #MAX_DISPERSION}.
     */
    private double dispersion(boolean[] compared) {
        int columns = cells.columns();
        int rows = cells.rows();
        List<Double> squares = new ArrayList<>();
        boolean[] tile = new boolean[compared.length];
        for (int r0 = 0; r0 < rows; r0 += PATCH) {
            for (int c0 = 0; c0 < columns; c0 += PATCH) {
                java.util.Arrays.fill(tile, false);
                for (int r = r0; r < Math.min(rows, r0 + PATCH); r++) {
                    for (int c = c0; c < Math.min(columns, c0 + PATCH); c++) {
                        tile[r * columns + c] = compared[r * columns + c];
                    }
                }
                int[] counted = unmatched(tile);
                if (counted[0] >= 2 * MIN_FLAKES) {
                    double z = (counted[1] - counted[0] * rate) / (Math.sqrt(counted[0] * rate * (1 - rate)) + 1e-9);
                    squares.add(z * z);
                }
            }
        }
        if (squares.size() < 3) {
            return 1;
        }
        java.util.Collections.sort(squares);
        // the median of a squared standard normal variable is 0.455
        return Math.max(1, Math.min(MAX_DISPERSION, squares.get(squares.size() / 2) / 0.455));
    }

    /**
     * @param radius how far (frame pixels) a flake may be from its match: residual misalignment and
     *               the blob's centre shifting as a facet sparkles
     */
    static FlakeEvidence of(Gray referenceBand, Gray photoBand, boolean[] inside, CellMap cells, boolean[] core,
                            double radius, FlakeColour colour) {
        int w = photoBand.width();
        int h = photoBand.height();
        return new FlakeEvidence(cells, w, maxima(referenceBand, inside, DETECTION), maxima(photoBand, inside, DETECTION),
                near(maxima(referenceBand, inside, FAINT), w, h, radius), near(maxima(photoBand, inside, FAINT), w, h, radius),
                core, colour);
    }

    /**
     * Whether most flakes of the whole seal have no counterpart: the pattern was re-applied or it is
     * another seal. The doubtful groups are judged against the pair's own typical similarity and
     * rate, so a change everywhere would otherwise stand out nowhere.
     */
    boolean patternDiffersAllOver() {
        return flakes >= MIN_FLAKES_ALL_OVER && rate >= DIFFERS_ALL_OVER;
    }

    /** Whether the group's flakes show a change: many unmatched together, or too few flakes to clear it. */
    boolean confirms(ChangeEvidence.Group group) {
        boolean[] member = membership(group);
        int[] counted = unmatched(member);
        int n = counted[0];
        int u = counted[1];
        if (n < MIN_FLAKES) {
            // too few flakes to clear a small area (a groove, a smooth patch); but a wide area where
            // neither photo shows the flakes the seal has elsewhere holds no glitter that could have
            // changed, unless the few it shows are all gone
            return group.cells().length * density < 2 * MIN_FLAKES || allOfAFewGone(n, u);
        }
        return stands(n, u, EXCESS, SIGNIFICANCE) || patchInside(group, member)
                || mostDoubtfulStand(group);
    }

    /**
     * Whether every one of a few flakes lacks a counterpart, and so far above the pair's rate that a
     * few are enough: a patch removed where the glitter is dull leaves a few detectable flakes in
     * the reference and none of them in the photo (held-out round removed #0 of 20261305: 5 of 5
     * at a pair rate of 0.032, z 10.3, where a group under {@link #MIN_FLAKES} wide enough to hold
     * more flakes was never confirmed).
     */
    private boolean allOfAFewGone(int n, int u) {
        return n >= FEW_ALL_GONE && u == n && z(n, u) >= OVERWHELMING;
    }

    /**
     * Whether the group's flakes alone show a change, however little structure it has: a patch of
     * dull glitter removed leaves little contrast behind (the tuning seed's removed patch #60, on
     * the dull side of a dome the seal was grown over: z 7.99, and a structure sum of 2.64 where a
     * score under the threshold needs 3.15).
     */
    boolean overwhelming(ChangeEvidence.Group group) {
        int[] counted = unmatched(membership(group));
        return counted[0] >= 2 * MIN_FLAKES && stands(counted[0], counted[1], EXCESS, OVERWHELMING);
    }

    /** The group's flakes, unmatched ones, z against the pair's rate, the rate and the dispersion (for diagnosis). */
    double[] tally(ChangeEvidence.Group group) {
        int[] counted = unmatched(membership(group));
        return new double[] {counted[0], counted[1], z(counted[0], counted[1]), rate, dispersion};
    }

    private boolean[] membership(ChangeEvidence.Group group) {
        boolean[] member = new boolean[cells.columns() * cells.rows()];
        for (int c : group.cells()) {
            member[c] = true;
        }
        return member;
    }

    /** Whether u unmatched of n flakes is this much above the pair's own rate, beyond its own clustering. */
    private boolean stands(int n, int u, double excess, double significance) {
        return u / (double) n >= rate + excess && z(n, u) >= significance;
    }

    /** How many spreads u unmatched of n flakes lie above the pair's own rate, the spread widened by its clustering. */
    private double z(int n, int u) {
        return (u - n * rate) / (Math.sqrt(n * rate * (1 - rate) * dispersion) + 1e-9);
    }

    /**
     * Whether the group's most doubtful cells, on their own, are confirmed: a change (a scratch, a
     * moved patch) is where the cells differ most, and the group around it takes in honest cells
     * just under the doubt level that dilute its unmatched flakes below the bar. One subset per group
     * is tried, so the bar is the group's. Too few flakes there confirm nothing: the group itself
     * keeps the fail-closed rule. And a change of the tamper kinds covers a few cells: a most doubtful
     * area wider than a patch is the light (clipping, glare at its edge; genuine sticker #3 of seed
     * 101 has 37 such cells), which the whole group is judged on.
     */
    private boolean mostDoubtfulStand(ChangeEvidence.Group group) {
        float[] similarity = cells.similarity();
        boolean[] core = new boolean[similarity.length];
        int kept = 0;
        for (int c : group.cells()) {
            core[c] = similarity[c] < CHANGED;
            kept += core[c] ? 1 : 0;
        }
        if (kept == 0 || kept == group.cells().length || kept > PATCH * PATCH) {
            return false;
        }
        int[] counted = unmatched(core);
        // as for the dispersion's tiles: under twice the minimum a binomial z is too coarse to trust on
        // its own (genuine sticker #11 of seed 102: 4 of 11 unmatched, z 2.85)
        return counted[0] >= 2 * MIN_FLAKES && stands(counted[0], counted[1], EXCESS, SIGNIFICANCE);
    }

    /**
     * Whether a compact patch of a large group is confirmed on its own: a removed patch of flakes
     * inside a wide area of honest sparkle is otherwise diluted by it. The bar is higher than for a
     * whole group, as many windows are tried.
     */
    private boolean patchInside(ChangeEvidence.Group group, boolean[] member) {
        if (group.cells().length <= PATCH * PATCH) {
            return false;
        }
        int columns = cells.columns();
        int rows = cells.rows();
        boolean[] window = new boolean[member.length];
        for (int centre : group.cells()) {
            java.util.Arrays.fill(window, false);
            int c0 = centre % columns;
            int r0 = centre / columns;
            for (int r = Math.max(0, r0 - PATCH / 2); r <= Math.min(rows - 1, r0 + PATCH / 2); r++) {
                for (int c = Math.max(0, c0 - PATCH / 2); c <= Math.min(columns - 1, c0 + PATCH / 2); c++) {
                    window[r * columns + c] = member[r * columns + c];
                }
            }
            int[] counted = unmatched(window);
            if (counted[0] >= MIN_FLAKES && stands(counted[0], counted[1], PATCH_EXCESS, PATCH_SIGNIFICANCE)) {
                return true;
            }
        }
        return false;
    }

    /** The flakes found in the reference (frame pixels), for diagnosis. */
    List<int[]> referenceFlakes() {
        return List.copyOf(referenceFlakes);
    }

    List<int[]> photoFlakes() {
        return List.copyOf(photoFlakes);
    }

    /** Whether each reference flake has a counterpart in the photo (by position or colour), for diagnosis. */
    boolean[] referenceMatched() {
        return referenceMatched.clone();
    }

    boolean[] photoMatched() {
        return photoMatched.clone();
    }

    /** How many flakes of both images lie in the chosen cells, and how many of them have no counterpart. */
    private int[] unmatched(boolean[] chosen) {
        int n = 0;
        int u = 0;
        for (int i = 0; i < referenceFlakes.size(); i++) {
            if (chosen[cellOf(referenceFlakes.get(i))]) {
                n++;
                u += referenceMatched[i] ? 0 : 1;
            }
        }
        for (int i = 0; i < photoFlakes.size(); i++) {
            if (chosen[cellOf(photoFlakes.get(i))]) {
                n++;
                u += photoMatched[i] ? 0 : 1;
            }
        }
        return new int[] {n, u};
    }

    private int cellOf(int[] p) {
        return (p[1] / cells.cell()) * cells.columns() + p[0] / cells.cell();
    }

    /** Pixels within {@code radius} of a flake. */
    private static boolean[] near(List<int[]> flakes, int w, int h, double radius) {
        boolean[] near = new boolean[w * h];
        int r = (int) Math.ceil(radius);
        double r2 = radius * radius;
        for (int[] p : flakes) {
            for (int y = Math.max(0, p[1] - r); y <= Math.min(h - 1, p[1] + r); y++) {
                for (int x = Math.max(0, p[0] - r); x <= Math.min(w - 1, p[0] + r); x++) {
                    if ((x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) <= r2) {
                        near[y * w + x] = true;
                    }
                }
            }
        }
        return near;
    }

    /** Local maxima of |band-pass| inside the compared area, above the detection level. */
    static List<int[]> maxima(Gray band, boolean[] inside, double spreads) {
        int w = band.width();
        int h = band.height();
        float[] v = band.data();
        float median = Structure.medianMagnitude(band, inside);
        if (Float.isNaN(median)) {
            return List.of();
        }
        float[] m = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            m[i] = Math.abs(v[i]);
        }
        float level = (float) (spreads * 1.4826 * median) + 1e-3f;
        List<int[]> out = new ArrayList<>();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                float c = m[i];
                if (inside[i] && c >= level && c >= m[i - 1] && c > m[i + 1] && c >= m[i - w] && c > m[i + w]
                        && c >= m[i - w - 1] && c > m[i + w + 1] && c >= m[i - w + 1] && c > m[i + w - 1]) {
                    out.add(new int[] {x, y});
                }
            }
        }
        return out;
    }
}
