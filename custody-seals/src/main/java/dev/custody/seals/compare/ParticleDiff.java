package dev.custody.seals.compare;

import dev.custody.seals.ParticleChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Bright flakes (local maxima of the band-pass) in the aligned reference and in the photo, paired
 * by position. Only flakes inside changed regions are reported: elsewhere an unpaired flake is a
 * sparkle that flickered, not tampering.
 */
public final class ParticleDiff {
    private static final int MAX_REPORTED = 200;

    private ParticleDiff() {}

    /** Frame-pixel positions of bright flakes inside the compared area. */
    public static List<double[]> brightSpots(Gray bandPass, boolean[] inside) {
        int w = bandPass.width();
        int h = bandPass.height();
        float[] v = bandPass.data();
        float threshold = 3 * robustSpread(v, inside);
        List<double[]> spots = new ArrayList<>();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                float c = v[i];
                if (!inside[i] || c < threshold) {
                    continue;
                }
                if (c >= v[i - 1] && c > v[i + 1] && c >= v[i - w] && c > v[i + w]
                        && c >= v[i - w - 1] && c > v[i + w + 1] && c >= v[i - w + 1] && c > v[i + w - 1]) {
                    spots.add(new double[] {x, y});
                }
            }
        }
        return spots;
    }

    private static float robustSpread(float[] v, boolean[] inside) {
        float[] a = new float[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (inside[i]) {
                a[n++] = Math.abs(v[i]);
            }
        }
        if (n == 0) {
            return Float.MAX_VALUE;
        }
        float[] used = java.util.Arrays.copyOf(a, n);
        java.util.Arrays.sort(used);
        return 1.4826f * used[n / 2] + 1e-3f;
    }

    /**
     * @param changed per frame pixel, whether it lies in a changed region
     * @param toPhoto frame pixels to the photo's pixels
     */
    public static List<ParticleChange> diff(List<double[]> reference, List<double[]> photo, boolean[] changed,
                                            int width, double radius, Homography toPhoto) {
        List<double[]> missing = unpaired(reference, photo, changed, width, radius);
        List<double[]> added = unpaired(photo, reference, changed, width, radius);
        List<ParticleChange> out = new ArrayList<>();
        boolean[] usedAdded = new boolean[added.size()];
        for (double[] m : missing) {
            int nearest = -1;
            double best = 12 * radius;
            for (int j = 0; j < added.size(); j++) {
                double d = Math.hypot(added.get(j)[0] - m[0], added.get(j)[1] - m[1]);
                if (!usedAdded[j] && d < best) {
                    best = d;
                    nearest = j;
                }
            }
            if (nearest >= 0) {
                usedAdded[nearest] = true;
                out.add(change(ParticleChange.Kind.MOVED, added.get(nearest), toPhoto));
            } else {
                out.add(change(ParticleChange.Kind.MISSING, m, toPhoto));
            }
        }
        for (int j = 0; j < added.size(); j++) {
            if (!usedAdded[j]) {
                out.add(change(ParticleChange.Kind.ADDED, added.get(j), toPhoto));
            }
        }
        return out.size() > MAX_REPORTED ? out.subList(0, MAX_REPORTED) : out;
    }

    private static List<double[]> unpaired(List<double[]> from, List<double[]> to, boolean[] changed, int width,
                                           double radius) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : from) {
            if (!changed[(int) p[1] * width + (int) p[0]]) {
                continue;
            }
            boolean paired = false;
            for (double[] q : to) {
                if (Math.abs(q[0] - p[0]) <= radius && Math.abs(q[1] - p[1]) <= radius
                        && Math.hypot(q[0] - p[0], q[1] - p[1]) <= radius) {
                    paired = true;
                    break;
                }
            }
            if (!paired) {
                out.add(p);
            }
        }
        return out;
    }

    private static ParticleChange change(ParticleChange.Kind kind, double[] p, Homography toPhoto) {
        double[] q = toPhoto.map(p[0], p[1]);
        return new ParticleChange(kind, q[0], q[1]);
    }
}
