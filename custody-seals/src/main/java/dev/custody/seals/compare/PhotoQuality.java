package dev.custody.seals.compare;

import java.util.Optional;

/** Photos too poor to judge: better to say so than to guess. */
final class PhotoQuality {
    /**
     * Surroundings this bright (of 255) are clipped: no flake can stand out there. Below it a flake
     * still shows (darker coloured flakes, or a few levels brighter); 235 took honest near-white
     * stretches of pale stickers out of the comparison and then refused the photo for them.
     */
    static final float GLARE = 250;

    private PhotoQuality() {}

    /**
     * Dark all over (even its brightest pixels): nothing in it can be aligned, and saying so is
     * more useful than "too few features". A dark case around a lit seal is not this.
     */
    static Optional<String> darkAllOver(Gray photo) {
        if (Structure.percentile(photo.data(), 0.99f) < 40) {
            return Optional.of("The photo is too dark to see the glitter; photograph the seal in better light.");
        }
        return Optional.empty();
    }

    /**
     * Too dark or washed out, judged on the seal alone: a dark case or a bright desk around a
     * well-lit seal is no reason to refuse the photo.
     */
    static Optional<String> lighting(Gray photo, boolean[] seal) {
        float[] v = absoluteInside(photo, seal);
        if (v.length < 16) {
            return Optional.empty();
        }
        double sum = 0;
        int saturated = 0;
        for (float p : v) {
            sum += p;
            if (p >= 250) {
                saturated++;
            }
        }
        double mean = sum / v.length;
        float bright = Structure.percentile(v, 0.99f);
        if (mean < 12 || bright < 40) {
            return Optional.of("The photo is too dark to see the glitter; photograph the seal in better light.");
        }
        if (saturated > 0.4 * v.length) {
            return Optional.of("The photo is overexposed; photograph the seal without direct glare.");
        }
        return Optional.empty();
    }

    /**
     * Takes out of the comparison what glare washed out: where the surroundings (Gaussian of
     * {@code sigma}) are nearly white in either image, a flake brighter than its background cannot
     * show, so its absence means nothing. A single sparkling flake is too small to count.
     *
     * @return the share of the compared pixels taken out
     */
    static double maskGlare(boolean[] inside, Gray photo, Gray reference, double sigma) {
        float[] p = GrayOps.blur(photo, sigma).data();
        float[] r = GrayOps.blur(reference, sigma).data();
        int compared = 0;
        int washed = 0;
        for (int i = 0; i < inside.length; i++) {
            if (inside[i]) {
                compared++;
                if (p[i] >= GLARE || r[i] >= GLARE) {
                    inside[i] = false;
                    washed++;
                }
            }
        }
        return compared == 0 ? 0 : washed / (double) compared;
    }

    /**
     * How much fine detail an image keeps: energy of the finest band over the next one. Focus blur
     * removes the first much faster than the second.
     */
    static double sharpness(Gray filled, double sigma, boolean[] inside) {
        Gray smooth = GrayOps.blur(filled, sigma);
        Gray fine = GrayOps.subtract(filled, smooth);
        Gray coarse = GrayOps.subtract(smooth, GrayOps.blur(filled, 2 * sigma));
        double f = 0;
        double c = 0;
        for (int i = 0; i < inside.length; i++) {
            if (inside[i]) {
                f += fine.data()[i] * fine.data()[i];
                c += coarse.data()[i] * coarse.data()[i];
            }
        }
        return c == 0 ? 0 : f / c;
    }

    /**
     * How clearly the flakes stand out from the image's noise: the 98th percentile of the
     * band-pass magnitude (the brightest flakes and edges the comparison relies on) over a robust
     * noise level (median absolute finest-scale residual; flakes are sparse, so the median is
     * noise and polish texture). Noise, JPEG loss, low gain and blur all lower it.
     */
    static double flakeClarity(Gray filled, Gray bandPass, boolean[] inside) {
        Gray residual = GrayOps.subtract(filled, GrayOps.blur(filled, 1.0));
        double noise = Structure.percentile(absoluteInside(residual, inside), 0.5f);
        double flakes = Structure.percentile(absoluteInside(bandPass, inside), 0.98f);
        return flakes / Math.max(1e-3, noise);
    }

    private static float[] absoluteInside(Gray image, boolean[] inside) {
        int n = 0;
        for (boolean b : inside) {
            n += b ? 1 : 0;
        }
        float[] values = new float[Math.max(1, n)];
        for (int i = 0, j = 0; i < inside.length; i++) {
            if (inside[i]) {
                values[j++] = Math.abs(image.data()[i]);
            }
        }
        return values;
    }
}
