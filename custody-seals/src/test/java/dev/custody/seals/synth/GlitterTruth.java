package dev.custody.seals.synth;

import java.util.List;

/**
 * What the generator drew for each flake in one shot, for diagnosing why a flake shows in one
 * photo and not in another. It calls the very code that draws them ({@link Glitter#lights},
 * {@link SealRenderer}), so it cannot drift from it.
 */
public final class GlitterTruth {
    private GlitterTruth() {}

    /** Per flake, in the design's order: {sparkle, shade, flashed (1 or 0), facing^80}. */
    public static double[][] terms(SealDesign design, Shot shot) {
        List<Glitter.FlakeLight> lights = Glitter.lights(design, shot);
        double[][] out = new double[lights.size()][];
        for (int i = 0; i < out.length; i++) {
            Glitter.FlakeLight l = lights.get(i);
            out[i] = new double[] {l.sparkle(), l.shade(), l.flashed() ? 1 : 0, l.facing80()};
        }
        return out;
    }

    /** The sticker's printed ground (no glitter) away from its rim. */
    public static float[] stickerGround(SealDesign design) {
        return SealRenderer.stickerGround(design);
    }

    /** The highlight the light leaves at a seal point on the seal. */
    public static double highlight(Shot shot, double x, double y) {
        return SealRenderer.highlight(shot, x, y);
    }
}
