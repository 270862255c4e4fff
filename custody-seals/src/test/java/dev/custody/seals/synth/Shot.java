package dev.custody.seals.synth;

import dev.custody.seals.compare.Homography;
import java.util.Random;

/**
 * One photograph of a seal: where the camera is (rotation, scale, tilt, framing), how it is lit,
 * and how the picture was degraded (blur, noise, JPEG). Scale is photo pixels per seal unit.
 *
 * @param tiltX tangent of the viewing angle across the photo; it gives the perspective and the
 *     parallax of the glitter on the dome
 * @param lightX where the light comes from; it decides which flakes sparkle
 */
public record Shot(int width, int height, double centreX, double centreY, double scale, double rotation,
                   double tiltX, double tiltY, double lightX, double lightY, double gain, double gamma,
                   double gradientX, double gradientY, double blur, double noise, int jpegQuality, long grainSeed) {

    /** The owner's careful enrolment photo: front-on, seal centred, good light. */
    public static Shot reference(Random random, int width, int height) {
        double scale = 0.7 * Math.min(width, height) / (2 * SealDesign.DOME_RADIUS) * (0.9 + 0.2 * random.nextDouble());
        return new Shot(width, height, width / 2.0 * (0.96 + 0.08 * random.nextDouble()),
                height / 2.0 * (0.96 + 0.08 * random.nextDouble()), scale, 0.6 * (random.nextDouble() - 0.5),
                0.05 * (random.nextDouble() - 0.5), 0.05 * (random.nextDouble() - 0.5),
                0.4 * (random.nextDouble() - 0.5), 0.4 * (random.nextDouble() - 0.5), 1, 1, 0, 0,
                0.5, 1.5, 92, random.nextLong());
    }

    /** A later photo by hand: any rotation, another distance and angle, other light, a worse camera. */
    public static Shot later(Random random, int width, int height, double referenceScale) {
        double minSide = Math.min(width, height);
        double scale = referenceScale * (0.85 + 0.4 * random.nextDouble());
        scale = Math.min(scale, 0.85 * minSide / (2 * SealDesign.DOME_RADIUS));
        double domePixels = scale * SealDesign.DOME_RADIUS * 1.15;
        double roomX = Math.max(0, width / 2.0 - domePixels);
        double roomY = Math.max(0, height / 2.0 - domePixels);
        double tilt = 0.33 * Math.sqrt(random.nextDouble());
        double tiltDirection = 2 * Math.PI * random.nextDouble();
        return new Shot(width, height, width / 2.0 + roomX * (random.nextDouble() * 2 - 1) * 0.8,
                height / 2.0 + roomY * (random.nextDouble() * 2 - 1) * 0.8, scale,
                2 * Math.PI * random.nextDouble(), tilt * Math.cos(tiltDirection), tilt * Math.sin(tiltDirection),
                1.2 * (random.nextDouble() - 0.5), 1.2 * (random.nextDouble() - 0.5),
                0.6 + 0.7 * random.nextDouble(), 0.75 + 0.6 * random.nextDouble(),
                0.5 * (random.nextDouble() - 0.5), 0.5 * (random.nextDouble() - 0.5),
                1.2 * random.nextDouble(), 5 * random.nextDouble(), 65 + random.nextInt(31), random.nextLong());
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
