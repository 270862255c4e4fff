package dev.custody.seals.compare;

/**
 * Brings the sharper of the two frames down to the other's sharpness before comparing: a photo
 * taken slightly out of focus must not look like a seal whose fine flakes changed.
 */
final class BlurMatch {
    private static final double[] SIGMAS = {0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0};

    private BlurMatch() {}

    /**
     * The sharper image blurred until it is no sharper than the target; the image itself if already
     * so. {@code sharpness} is the image's own, which the caller has measured already.
     */
    static Gray toSharpness(Gray image, double sharpness, double target, double sigma, boolean[] inside) {
        Gray best = image;
        double bestSharpness = sharpness;
        for (int i = 0; i < SIGMAS.length; i++) {
            if (i > 0) {
                bestSharpness = PhotoQuality.sharpness(best, sigma, inside);
            }
            if (bestSharpness <= target) {
                return best;
            }
            best = GrayOps.blur(image, SIGMAS[i] * Math.max(1, sigma));
        }
        return best;
    }
}
