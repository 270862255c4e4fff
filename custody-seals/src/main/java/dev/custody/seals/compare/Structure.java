package dev.custody.seals.compare;

/**
 * Local structure, free of lighting: the magnitude of a band-pass (difference of Gaussians),
 * scaled by its typical value and saturated. Gain and gradients of light cancel out, gamma
 * mostly does; a sparkling flake and the same flake unlit both become "a blob here", so flicker
 * barely changes it, while a missing or new flake does.
 */
public final class Structure {
    private Structure() {}

    /** Replaces NaN (no data) by the mean of the valid pixels, so that filters do not spread NaN. */
    public static Gray filled(Gray g) {
        double sum = 0;
        int n = 0;
        for (float v : g.data()) {
            if (!Float.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        float mean = n == 0 ? 0 : (float) (sum / n);
        float[] out = g.data().clone();
        for (int i = 0; i < out.length; i++) {
            if (Float.isNaN(out[i])) {
                out[i] = mean;
            }
        }
        return new Gray(g.width(), g.height(), out);
    }

    /** The band-pass alone (difference of Gaussians). */
    public static Gray bandPass(Gray filled, double sigma) {
        return GrayOps.subtract(GrayOps.blur(filled, sigma), GrayOps.blur(filled, 2.5 * sigma));
    }

    /**
     * The band-pass that flakes are found on: of the photo with its contrast tamed first. A
     * sparkling flake is otherwise so much brighter than a dull one that its ring swamps the dull
     * flakes beside it, and a different set of flakes shows in each photo of the same seal.
     */
    public static Gray flakeBand(Gray filled, double sigma) {
        return bandPass(tamed(filled, sigma), sigma);
    }

    /**
     * What stands out from the local background is squashed smoothly to about {@link #TAMED} robust
     * spreads: a flake is "a flake here" however much it sparkles, while noise, far below, is kept.
     */
    static Gray tamed(Gray filled, double sigma) {
        Gray background = GrayOps.blur(filled, 4 * sigma);
        float[] v = filled.data();
        float[] b = background.data();
        float[] detail = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            detail[i] = Math.abs(v[i] - b[i]);
        }
        double limit = TAMED * 1.4826 * percentile(detail, 0.5f) + 1e-3;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (b[i] + limit * Math.tanh((v[i] - b[i]) / limit));
        }
        return new Gray(filled.width(), filled.height(), out);
    }

    /**
     * Chosen on the tuning seed (docs/benchmarks.md): 3 lost too many dull flakes to detection
     * (a scratch across a strip went unseen), 8 left sparkles swamping their neighbours.
     */
    static final double TAMED = 5;

    /**
     * Where flakes and edges are, whatever their polarity: 1 - exp(-|band-pass| / 3 typical), which
     * saturates, so a sparkle counts no more than a plain flake; blurred a little so that sub-pixel
     * misalignment does not matter. A flake that sparkles in one photo and
     * looks dark in the other is "a flake here" in both.
     */
    public static Gray of(Gray bandPass, double sigma) {
        float[] v = bandPass.data();
        float[] magnitude = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            magnitude[i] = Math.abs(v[i]);
        }
        float typical = percentile(magnitude, 0.5f) + 1e-3f;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (1 - Math.exp(-magnitude[i] / (3 * typical)));
        }
        return GrayOps.blur(new Gray(bandPass.width(), bandPass.height(), out), 0.7 * sigma);
    }

    /** The median of |band| over the pixels inside, the scale robust spreads are counted in; NaN if none is inside. */
    static float medianMagnitude(Gray band, boolean[] inside) {
        float[] v = band.data();
        float[] sample = new float[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (inside[i]) {
                sample[n++] = Math.abs(v[i]);
            }
        }
        return n == 0 ? Float.NaN : percentile(java.util.Arrays.copyOf(sample, n), 0.5f);
    }

    static float percentile(float[] values, float q) {
        // a strided sample is plenty for a percentile and keeps this cheap on large frames
        int step = Math.max(1, values.length / 40_000);
        float[] sample = new float[(values.length + step - 1) / step];
        for (int i = 0, j = 0; i < values.length; i += step, j++) {
            sample[j] = values[i];
        }
        java.util.Arrays.sort(sample);
        return sample[Math.min(sample.length - 1, (int) (q * sample.length))];
    }
}
