package dev.custody.seals.synth;

import dev.custody.seals.compare.Homography;
import java.util.Random;

/**
 * One photograph of a seal: where the camera is (rotation, scale, tilt, framing), how it is lit and
 * exposed, and how the picture was degraded (blur, noise, JPEG). Scale is photo pixels per seal unit.
 *
 * @param tiltX tangent of the viewing angle across the photo; it gives the perspective and the
 *     parallax of the glitter on a dome
 * @param lightX where the light comes from; it decides which flakes sparkle
 * @param redGain white balance: the red channel's gain relative to green (likewise {@code blueGain})
 * @param flash share of the flakes that catch a stray reflection and flash, whatever the main light
 * @param flakeShade how much each flake's own brightness varies at random, 0 (not) to 0.5 (±50%)
 */
public record Shot(int width, int height, double centreX, double centreY, double scale, double rotation,
                   double tiltX, double tiltY, double lightX, double lightY, double gain, double gamma,
                   double redGain, double blueGain, double gradientX, double gradientY, double flash, double flakeShade,
                   double blur, double noise, int jpegQuality, long grainSeed) {

    /**
     * The owner's careful enrolment photo: nearly front-on, good light, the seal anywhere in the
     * frame and filling 60–85% of its short side.
     */
    public static Shot reference(Random random, int width, int height, SealShape shape) {
        double minSide = Math.min(width, height);
        double scale = (0.30 + 0.125 * random.nextDouble()) * minSide / shape.reach();
        double[] centre = centre(random, width, height, scale * shape.reach());
        return new Shot(width, height, centre[0], centre[1], scale, 2 * Math.PI * random.nextDouble(),
                0.05 * (random.nextDouble() - 0.5), 0.05 * (random.nextDouble() - 0.5),
                0.4 * (random.nextDouble() - 0.5), 0.4 * (random.nextDouble() - 0.5), 1, 1, 1, 1, 0, 0,
                0.05, 0.2, 0.5, 1.5, 92, random.nextLong());
    }

    /**
     * A later photo by hand: framed differently (the seal wholly in it, anywhere), any rotation,
     * another distance and angle, other light, exposure and white balance, a worse camera.
     */
    public static Shot later(Random random, int width, int height, double referenceScale, SealShape shape) {
        double minSide = Math.min(width, height);
        double scale = Math.min(referenceScale * (0.75 + 0.55 * random.nextDouble()), 0.45 * minSide / shape.reach());
        double[] centre = centre(random, width, height, scale * shape.reach());
        double tilt = 0.4 * Math.sqrt(random.nextDouble());
        double tiltDirection = 2 * Math.PI * random.nextDouble();
        return new Shot(width, height, centre[0], centre[1], scale,
                2 * Math.PI * random.nextDouble(), tilt * Math.cos(tiltDirection), tilt * Math.sin(tiltDirection),
                1.2 * (random.nextDouble() - 0.5), 1.2 * (random.nextDouble() - 0.5),
                0.55 + 0.85 * random.nextDouble(), 0.7 + 0.7 * random.nextDouble(),
                0.8 + 0.4 * random.nextDouble(), 0.8 + 0.4 * random.nextDouble(),
                0.6 * (random.nextDouble() - 0.5), 0.6 * (random.nextDouble() - 0.5),
                0.05 + 0.1 * random.nextDouble(), 0.4 * random.nextDouble(),
                1.4 * random.nextDouble(), 5 * random.nextDouble(), 80 + random.nextInt(16), random.nextLong());
    }

    /** Anywhere the seal (radius {@code reach} pixels, plus a margin for perspective) stays wholly in the photo. */
    private static double[] centre(Random random, int width, int height, double reach) {
        double margin = 1.12 * reach;
        double roomX = Math.max(0, width / 2.0 - margin);
        double roomY = Math.max(0, height / 2.0 - margin);
        return new double[] {width / 2.0 + roomX * (2 * random.nextDouble() - 1),
            height / 2.0 + roomY * (2 * random.nextDouble() - 1)};
    }

    double[] whiteBalance() {
        return new double[] {redGain, 1, blueGain};
    }

    /** Seal coordinates to photo pixels (the flat part of the camera model; the dome adds parallax). */
    public Homography sealToPhoto() {
        double c = Math.cos(rotation) * scale;
        double s = Math.sin(rotation) * scale;
        double focal = Math.max(width, height);
        Homography rotate = new Homography(new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
        Homography perspective = new Homography(new double[] {1, 0, 0, 0, 1, 0, tiltX / focal, tiltY / focal, 1});
        return Homography.translation(centreX, centreY).after(perspective).after(rotate);
    }
}
