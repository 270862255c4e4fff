package dev.custody.seals.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a doubtful area is backed by the flakes' positions, which is what is physically stable:
 * a flake that sparkles in one photo and is dull in the other is still a blob at the same place,
 * and the same place after blur. Flakes are the local maxima of the band-pass magnitude in both
 * aligned images; each clear one is matched to any, even faint, one in the other image within a
 * few pixels. Sparkle, blur and noise leave a few unmatched flakes everywhere; tampering leaves many
 * together (flakes removed, moved, torn out along a scratch, or new ones in re-applied polish). So a
 * group of doubtful cells counts as change only if its share of unmatched flakes is well above the
 * pair's own rate elsewhere. Brightness plays no part beyond detection. "Unmatched" is soft near the
 * match radius, so that a fraction of a pixel of alignment moves the counts by a fraction.
 */
final class FlakeEvidence {
    /** Flakes are maxima of the band-pass magnitude at least this many robust spreads above zero. */
    private static final double DETECTION = 3;
    /**
     * A flake is matched by any maximum at least this strong in the other image: a flake that
     * sparkled in one photo and is dull in the other is still there, only fainter.
     */
    private static final double FAINT = 1.5;
    /**
     * Half the width of the band around the match radius over which a flake goes from matched (0) to
     * unmatched (1), linearly with the distance to its nearest counterpart. With a hard radius on
     * whole-pixel flake centres, the map moving by a fraction of a pixel flipped several flakes at
     * once, and with them tampered pairs of tuning seed 101 sitting at z = 2.37 against 2.5 and
     * genuine stickers (ninth round: 3–4 of 120 tampered pairs came and went with RANSAC's seed).
     */
    static final double SOFTNESS = 0.75;
    /** How much higher than elsewhere the group's share of unmatched flakes must be. */
    static final double EXCESS = 0.15;
    /** And how many standard deviations of a binomial count at the pair's own rate. */
    static final double SIGNIFICANCE = 2.5;
    /**
     * Fewer flakes than this in a small group cannot clear it: the structure evidence stands (fail
     * closed).
     */
    static final int MIN_FLAKES = 6;

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

    private final CellMap cells;
    private final int flakes;
    private final List<Flake> referenceFlakes;
    private final List<Flake> photoFlakes;
    /** How unmatched (0–1) each reference flake is, by its distance to the photo's nearest flake. */
    private final double[] referenceMissing;
    /** The same for each photo flake against the reference's. */
    private final double[] photoMissing;
    private final double rate;
    /** Flakes (of both photos) per compared cell of the seal. */
    private final double density;
    /** How much more unmatched counts vary from patch to patch of this pair than a binomial count. */
    private final double dispersion;

    /** A flake: the pixel it is counted in (its cell) and its centre to a fraction of a pixel. */
    record Flake(int px, int py, double x, double y) {}

    private FlakeEvidence(CellMap cells, List<Flake> referenceFlakes, List<Flake> photoFlakes,
                          double[] referenceMissing, double[] photoMissing, boolean[] core) {
        this.cells = cells;
        this.referenceFlakes = referenceFlakes;
        this.photoFlakes = photoFlakes;
        this.referenceMissing = referenceMissing;
        this.photoMissing = photoMissing;
        boolean[] compared = new boolean[core.length];
        for (int c = 0; c < core.length; c++) {
            compared[c] = core[c] && !Float.isNaN(cells.similarity()[c]);
        }
        // over the whole seal, the doubtful groups included: a rate taken only outside them is biased
        // low (they were chosen for looking different), which made honest sparkle look like change
        Count counted = unmatched(compared);
        this.rate = counted.n() == 0 ? 0.5 : counted.u() / counted.n();
        this.flakes = counted.n();
        int comparedCells = 0;
        for (boolean c : compared) {
            comparedCells += c ? 1 : 0;
        }
        this.density = counted.n() / (double) Math.max(1, comparedCells);
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
                Count counted = unmatched(tile);
                if (counted.n() >= 2 * MIN_FLAKES) {
                    double z = (counted.u() - counted.n() * rate) / (Math.sqrt(counted.n() * rate * (1 - rate)) + 1e-9);
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
                            double radius) {
        List<Flake> reference = flakes(referenceBand, inside, DETECTION);
        List<Flake> photo = flakes(photoBand, inside, DETECTION);
        return new FlakeEvidence(cells, reference, photo,
                missing(reference, new Nearest(flakes(photoBand, inside, FAINT), radius + SOFTNESS), radius),
                missing(photo, new Nearest(flakes(referenceBand, inside, FAINT), radius + SOFTNESS), radius), core);
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
        boolean[] member = new boolean[cells.columns() * cells.rows()];
        for (int c : group.cells()) {
            member[c] = true;
        }
        Count counted = unmatched(member);
        int n = counted.n();
        double u = counted.u();
        if (n < MIN_FLAKES) {
            // too few flakes to clear a small area (a groove, a smooth patch); but a wide area where
            // neither photo shows the flakes the seal has elsewhere holds no glitter that could have changed
            return group.cells().length * density < 2 * MIN_FLAKES;
        }
        return stands(n, u, EXCESS, SIGNIFICANCE) || patchInside(group, member);
    }

    /** Whether u unmatched of n flakes is this much above the pair's own rate, beyond its own clustering. */
    private boolean stands(int n, double u, double excess, double significance) {
        double spread = Math.sqrt(n * rate * (1 - rate) * dispersion) + 1e-9;
        return u / (double) n >= rate + excess && (u - n * rate) / spread >= significance;
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
            Count counted = unmatched(window);
            if (counted.n() >= MIN_FLAKES && stands(counted.n(), counted.u(), PATCH_EXCESS, PATCH_SIGNIFICANCE)) {
                return true;
            }
        }
        return false;
    }

    /** Flakes of both images in some cells, and how many of them have no counterpart (a soft count). */
    private record Count(int n, double u) {}

    private Count unmatched(boolean[] chosen) {
        int n = 0;
        double u = 0;
        for (int k = 0; k < referenceFlakes.size(); k++) {
            if (chosen[cellOf(referenceFlakes.get(k))]) {
                n++;
                u += referenceMissing[k];
            }
        }
        for (int k = 0; k < photoFlakes.size(); k++) {
            if (chosen[cellOf(photoFlakes.get(k))]) {
                n++;
                u += photoMissing[k];
            }
        }
        return new Count(n, u);
    }

    private int cellOf(Flake p) {
        return (p.py() / cells.cell()) * cells.columns() + p.px() / cells.cell();
    }

    /**
     * How unmatched each flake is: 0 within {@code radius − SOFTNESS} of the other image's nearest
     * flake, 1 beyond {@code radius + SOFTNESS}, linear between.
     */
    private static double[] missing(List<Flake> flakes, Nearest other, double radius) {
        double[] missing = new double[flakes.size()];
        for (int k = 0; k < flakes.size(); k++) {
            double d = other.distance(flakes.get(k));
            missing[k] = Math.clamp((d - (radius - SOFTNESS)) / (2 * SOFTNESS), 0.0, 1.0);
        }
        return missing;
    }

    /** The distance from a point to the nearest of some flakes, looked up in buckets of {@code reach}. */
    private static final class Nearest {
        private final double reach;
        private final java.util.Map<Long, List<Flake>> buckets = new java.util.HashMap<>();

        Nearest(List<Flake> flakes, double reach) {
            this.reach = reach;
            for (Flake f : flakes) {
                buckets.computeIfAbsent(key(bucket(f.x()), bucket(f.y())), k -> new ArrayList<>()).add(f);
            }
        }

        /** The distance to the nearest flake, or {@code reach} if none is nearer. */
        double distance(Flake p) {
            double best = reach * reach;
            int bx = bucket(p.x());
            int by = bucket(p.y());
            for (int y = by - 1; y <= by + 1; y++) {
                for (int x = bx - 1; x <= bx + 1; x++) {
                    for (Flake f : buckets.getOrDefault(key(x, y), List.of())) {
                        best = Math.min(best, (f.x() - p.x()) * (f.x() - p.x()) + (f.y() - p.y()) * (f.y() - p.y()));
                    }
                }
            }
            return Math.sqrt(best);
        }

        private int bucket(double v) {
            return (int) Math.floor(v / reach);
        }

        private static long key(int x, int y) {
            return ((long) x << 32) ^ (y & 0xffffffffL);
        }
    }

    /**
     * The maxima of {@link #maxima}, each centred to a fraction of a pixel by a parabola through it
     * and its neighbours along x and along y: a whole-pixel centre jumps by a pixel when the map moves
     * by a fraction of one.
     */
    static List<Flake> flakes(Gray band, boolean[] inside, double spreads) {
        int w = band.width();
        float[] v = band.data();
        List<Flake> out = new ArrayList<>();
        for (int[] p : maxima(band, inside, spreads)) {
            int i = p[1] * w + p[0];
            out.add(new Flake(p[0], p[1], p[0] + vertex(v[i - 1], v[i], v[i + 1]), p[1] + vertex(v[i - w], v[i], v[i + w])));
        }
        return out;
    }

    /** The offset (−0.5 to 0.5) of the top of the parabola through |a|, |b|, |c| at −1, 0, 1. */
    private static double vertex(float a, float b, float c) {
        double l = Math.abs(a);
        double m = Math.abs(b);
        double r = Math.abs(c);
        double curvature = l - 2 * m + r;
        return curvature >= 0 ? 0 : Math.clamp(0.5 * (l - r) / curvature, -0.5, 0.5);
    }

    /** Local maxima of |band-pass| inside the compared area, above the detection level. */
    static List<int[]> maxima(Gray band, boolean[] inside, double spreads) {
        int w = band.width();
        int h = band.height();
        float[] v = band.data();
        float[] m = new float[v.length];
        int n = 0;
        float[] sample = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            m[i] = Math.abs(v[i]);
            if (inside[i]) {
                sample[n++] = m[i];
            }
        }
        if (n == 0) {
            return List.of();
        }
        float level = (float) (spreads * 1.4826 * Structure.percentile(java.util.Arrays.copyOf(sample, n), 0.5f)) + 1e-3f;
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
