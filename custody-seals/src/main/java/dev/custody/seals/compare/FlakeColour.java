package dev.custody.seals.compare;

/**
 * Whether a flake found in one photo only is still there, unlit, in the other. Sparkle adds white
 * light and sets a flake's brightness, not its colour: on a pale sticker an unlit flake is as
 * bright as the printed ground and leaves no maximum to match, but it keeps its colour against the
 * ground. So where the pattern of colour around a flake (its own, its neighbours') is the same in
 * both aligned photos, the flake has not gone. Where a flake was removed or moved, the other photo
 * shows the ground, or other flakes in another pattern, there.
 */
final class FlakeColour {
    /** The half side of the window compared: about a flake and the gap to its neighbours, in frame pixels. */
    static final int WINDOW = 3;
    /**
     * Each photo's window must hold at least this much colour (RMS, in that photo's robust spreads of
     * colour), or the correlation would be between noise.
     */
    static final double MIN_COLOUR = 1;
    /** How alike the two windows must be (normalised correlation over both colour planes). */
    static final double MIN_CORRELATION = 0.75;

    private final Gray[] reference;
    private final Gray[] photo;
    private final double[] referenceSpreads;
    private final double[] photoSpreads;

    /**
     * @param reference the aligned reference's band-passed colour planes (red, blue), frame pixels
     * @param photo     the photo's, in the same frame
     */
    FlakeColour(Gray[] reference, Gray[] photo, boolean[] inside) {
        this.reference = reference.clone();
        this.photo = photo.clone();
        this.referenceSpreads = new double[] {spread(reference[0], inside), spread(reference[1], inside)};
        this.photoSpreads = new double[] {spread(photo[0], inside), spread(photo[1], inside)};
    }

    /** Whether the colour around (x, y) is the same pattern in both photos, and clear in each. */
    boolean sameAt(int x, int y) {
        int w = reference[0].width();
        int h = reference[0].height();
        if (x < WINDOW || y < WINDOW || x >= w - WINDOW || y >= h - WINDOW) {
            return false;
        }
        double both = 0;
        double inReference = 0;
        double inPhoto = 0;
        for (int k = 0; k < 2; k++) {
            float[] a = reference[k].data();
            float[] b = photo[k].data();
            for (int dy = -WINDOW; dy <= WINDOW; dy++) {
                for (int dx = -WINDOW; dx <= WINDOW; dx++) {
                    int i = (y + dy) * w + x + dx;
                    double va = a[i] / referenceSpreads[k];
                    double vb = b[i] / photoSpreads[k];
                    both += va * vb;
                    inReference += va * va;
                    inPhoto += vb * vb;
                }
            }
        }
        double samples = 2.0 * (2 * WINDOW + 1) * (2 * WINDOW + 1);
        return inReference >= MIN_COLOUR * MIN_COLOUR * samples && inPhoto >= MIN_COLOUR * MIN_COLOUR * samples
                && both / Math.sqrt(inReference * inPhoto) >= MIN_CORRELATION;
    }

    private static double spread(Gray band, boolean[] inside) {
        float median = Structure.medianMagnitude(band, inside);
        return Float.isNaN(median) ? 1 : (float) (1.4826 * median) + 1e-3f;
    }
}
