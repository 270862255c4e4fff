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

    /** The band-pass alone (for particle detection). */
    public static Gray bandPass(Gray filled, double sigma) {
        return GrayOps.subtract(GrayOps.blur(filled, sigma), GrayOps.blur(filled, 2.5 * sigma));
    }

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
