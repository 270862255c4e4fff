package dev.custody.seals.compare;

import java.util.Optional;

/** Photos too poor to judge: better to say so than to guess. */
final class PhotoQuality {
    private PhotoQuality() {}

    /** Too dark or washed out, judged on the whole (reduced) photo. */
    static Optional<String> lighting(Gray photo) {
        float[] v = photo.data();
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
     * How much fine detail an image keeps: energy of the finest band over the next one. Focus blur
     * removes the first much faster than the second.
     */
    static double sharpness(Gray filled, double sigma, boolean[] inside) {
        Gray fine = GrayOps.subtract(filled, GrayOps.blur(filled, sigma));
        Gray coarse = GrayOps.subtract(GrayOps.blur(filled, sigma), GrayOps.blur(filled, 2 * sigma));
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
}
