package dev.custody.seals.compare;

/**
 * Flake-like specks: small blobs, bright or dark, that stand out in every direction. A flake counts
 * once however much it sparkles, and a line (a seam, the polish's rim, a sticker's printed border,
 * a screw's recess) does not count at all, so the density of specks is even over the glitter and
 * does not follow the seam out of the seal.
 */
final class Specks {
    /** Pixels of smoothing before the curvature: a flake is 1–3 pixels wide at the locator's scale. */
    private static final double SMOOTH = 1.0;
    /**
     * A speck's curvature must reach this share of the strongest specks' (the 99.9th percentile):
     * faint coloured flakes count, the grain of a case does not.
     */
    private static final double SHARE_OF_STRONG = 0.15;
    /** ...and this many times the image's typical curvature, so that a smooth image has no specks. */
    private static final double OVER_TYPICAL = 4;
    /** Grey levels per pixel²: below this nothing is a speck, even on a perfectly flat image. */
    private static final double FLOOR = 0.5;

    /**
     * A speck bends at least this share as much along its weaker direction as along its stronger:
     * a flake is about round, while a dark seam whose shade wavers along it has shallow dips that
     * bend both ways, and these strung along the seam would carry the seal's area down it.
     */
    private static final double ROUND = 0.4;

    private Specks() {}

    /** Specks per pixel, smoothed over a sixtieth of the image's long side: how densely flakes lie. */
    static Gray density(Gray level) {
        return GrayOps.blur(new Gray(level.width(), level.height(), of(level)), Math.max(level.width(), level.height()) / 60.0);
    }

    /** 1 at the centre of each speck, 0 elsewhere. */
    static float[] of(Gray level) {
        int w = level.width();
        int h = level.height();
        float[] strength = blobStrength(GrayOps.blur(level, SMOOTH));
        float typical = Structure.percentile(positive(strength), 0.5f);
        float threshold = (float) Math.max(FLOOR, Math.max(OVER_TYPICAL * typical,
                SHARE_OF_STRONG * Structure.percentile(strength, 0.999f)));
        float[] out = new float[w * h];
        for (int y = 2; y < h - 2; y++) {
            for (int x = 2; x < w - 2; x++) {
                int i = y * w + x;
                if (strength[i] >= threshold && isPeak(strength, w, i)) {
                    out[i] = 1;
                }
            }
        }
        return out;
    }

    /**
     * The smaller of the two curvatures where both bend the same way (a bump or a pit), 0 on a
     * line or a saddle: a line curves across but not along itself.
     */
    private static float[] blobStrength(Gray smooth) {
        int w = smooth.width();
        int h = smooth.height();
        float[] d = smooth.data();
        float[] strength = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double xx = d[i - 1] + d[i + 1] - 2 * d[i];
                double yy = d[i - w] + d[i + w] - 2 * d[i];
                double xy = (d[i - w - 1] + d[i + w + 1] - d[i - w + 1] - d[i + w - 1]) / 4;
                double det = xx * yy - xy * xy;
                if (det > 0) {
                    double half = (xx + yy) / 2;
                    double spread = Math.sqrt(Math.max(0, half * half - det));
                    double weak = Math.abs(half) - spread;
                    if (weak >= ROUND * (Math.abs(half) + spread)) {
                        strength[i] = (float) weak;
                    }
                }
            }
        }
        return strength;
    }

    private static float[] positive(float[] values) {
        int n = 0;
        float[] out = new float[values.length];
        for (float v : values) {
            if (v > 0) {
                out[n++] = v;
            }
        }
        return n == 0 ? new float[] {0} : java.util.Arrays.copyOf(out, n);
    }

    /** Nothing stronger in its 5×5 neighbourhood: one count per flake, not one per pixel of it. */
    private static boolean isPeak(float[] strength, int w, int i) {
        float v = strength[i];
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                if ((dx != 0 || dy != 0) && strength[i + dy * w + dx] > v) {
                    return false;
                }
            }
        }
        return true;
    }
}
