package dev.custody.seals.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a seal physically is: the screw, the polish dome and its glitter, the case around it. Seal
 * coordinates have the origin at the dome's centre; the dome radius is {@link #DOME_RADIUS}.
 */
public record SealDesign(ScrewHead head, long caseSeed, float[] polishTint, List<Particle> particles,
                         List<Scratch> scratches) {
    public static final double DOME_RADIUS = 400;
    /** The screw head's radius: the polish spills over it onto the case. */
    public static final double HEAD_RADIUS = 0.78 * DOME_RADIUS;

    private static final float[][] GLITTER = {
        {0.80f, 0.80f, 0.82f}, {0.85f, 0.70f, 0.35f}, {0.85f, 0.45f, 0.65f}, {0.40f, 0.55f, 0.90f},
        {0.45f, 0.80f, 0.55f}, {0.75f, 0.75f, 0.75f}};

    public SealDesign {
        polishTint = polishTint.clone();
        particles = List.copyOf(particles);
        scratches = List.copyOf(scratches);
    }

    /** A new seal: different glitter, tint and case grain for every seed. */
    public static SealDesign random(long seed) {
        Random random = new Random(seed);
        ScrewHead head = random.nextBoolean() ? ScrewHead.PHILLIPS : ScrewHead.TORX;
        float[] tint = {0.25f + 0.2f * random.nextFloat(), 0.2f + 0.2f * random.nextFloat(), 0.25f + 0.2f * random.nextFloat()};
        int count = 260 + random.nextInt(160);
        return new SealDesign(head, random.nextLong(), tint, glitterIn(random, count, 0, 0, 0.95 * DOME_RADIUS), List.of());
    }

    /** Random glitter uniformly over a disc (seal coordinates), clipped to the dome. */
    static List<Particle> glitterIn(Random random, int count, double cx, double cy, double radius) {
        List<Particle> out = new ArrayList<>(count);
        float[] palette = GLITTER[random.nextInt(GLITTER.length)];
        float[] second = GLITTER[random.nextInt(GLITTER.length)];
        while (out.size() < count) {
            double r = radius * Math.sqrt(random.nextDouble());
            double a = 2 * Math.PI * random.nextDouble();
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (Math.hypot(x, y) > 0.95 * DOME_RADIUS) {
                continue;
            }
            float[] colour = random.nextInt(3) == 0 ? second : palette;
            float shade = 0.65f + 0.35f * random.nextFloat();
            double tilt = 0.6 * random.nextDouble();
            double dir = 2 * Math.PI * random.nextDouble();
            out.add(new Particle(x, y, 4 + 7 * random.nextDouble() * random.nextDouble() + 2 * random.nextDouble(),
                    Math.PI * random.nextDouble(), random.nextBoolean() ? 6 : 4,
                    colour[0] * shade, colour[1] * shade, colour[2] * shade,
                    tilt * Math.cos(dir), tilt * Math.sin(dir)));
        }
        return out;
    }

    public SealDesign withParticles(List<Particle> replaced) {
        return new SealDesign(head, caseSeed, polishTint, replaced, scratches);
    }

    public SealDesign withScratch(Scratch scratch) {
        List<Scratch> all = new ArrayList<>(scratches);
        all.add(scratch);
        return new SealDesign(head, caseSeed, polishTint, particles, all);
    }
}
