package dev.custody.seals.synth;

import java.util.List;
import java.util.Random;

/**
 * What {@link Glitter#paint} drew for each flake in one shot, recomputed from the shot's flicker
 * seed (the same draws in the same order), for diagnosing why a flake shows in one photo and not
 * in another: {sparkle, shade, flashed (1 or 0), facing^80}.
 */
public final class GlitterTruth {
    private GlitterTruth() {}

    public static double[][] terms(SealDesign design, Shot shot) {
        Random flicker = SealRenderer.flicker(shot);
        double lx = shot.lightX();
        double ly = shot.lightY();
        double[] half = normalise(lx - shot.tiltX(), ly - shot.tiltY(), 2);
        List<Particle> particles = design.particles();
        double[][] out = new double[particles.size()][];
        for (int i = 0; i < particles.size(); i++) {
            Particle p = particles.get(i);
            double[] normal = normalise(p.normalX(), p.normalY(), 1);
            double facing = Math.max(0, normal[0] * half[0] + normal[1] * half[1] + normal[2] * half[2]);
            double f80 = Math.pow(facing, 80);
            double sparkle = 2.5 * f80 * 3 * flicker.nextDouble();
            boolean flashed = flicker.nextDouble() < shot.flash();
            if (flashed) {
                sparkle += 1.5 * flicker.nextDouble();
            }
            double shade = shot.flakeShade() * (1 - 2 * shot.flakeShade() * (flicker.nextDouble() - 0.5)) + (1 - shot.flakeShade());
            out[i] = new double[] {sparkle, shade, flashed ? 1 : 0, f80};
        }
        return out;
    }

    /** The sticker's printed ground (no glitter) away from its rim, as {@code SealRenderer.surface} paints it. */
    public static float[] stickerGround(SealDesign design) {
        float[] tint = design.polishTint();
        return new float[] {Math.min(1, 0.35f + tint[0]), Math.min(1, 0.35f + tint[1]), Math.min(1, 0.35f + tint[2])};
    }

    /** The dome highlight SealRenderer.project adds at a seal point on the seal. */
    public static double highlight(Shot shot, double x, double y) {
        double r = SealDesign.DOME_RADIUS;
        double lightNorm = Math.sqrt(1 + shot.lightX() * shot.lightX() + shot.lightY() * shot.lightY());
        double hx = -0.5 * r * shot.lightX() / lightNorm;
        double hy = -0.5 * r * shot.lightY() / lightNorm;
        double spread = 2 * Math.pow(0.25 * r, 2);
        return 0.15 * Math.exp(-((x - hx) * (x - hx) + (y - hy) * (y - hy)) / spread);
    }

    private static double[] normalise(double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / len, y / len, z / len};
    }
}
