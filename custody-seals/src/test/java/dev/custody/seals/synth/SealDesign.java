package dev.custody.seals.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a seal physically is: its shape (a dome over a screw, a strip or a sticker over a seam),
 * the glitter in it, its tint, the case around it. Seal coordinates have the origin at the seal's
 * centre; the dome radius {@link #DOME_RADIUS} is the unit of size of every shape.
 */
public record SealDesign(SealShape shape, ScrewHead head, long caseSeed, float[] polishTint, List<Particle> particles,
                         List<Scratch> scratches) {
    public static final double DOME_RADIUS = 400;
    /** The screw head's radius: the polish spills over it onto the case. */
    public static final double HEAD_RADIUS = 0.78 * DOME_RADIUS;
    /** Flakes per square seal unit: 260–420 in a round dome. */
    private static final double DENSITY_LOW = 260 / (Math.PI * DOME_RADIUS * DOME_RADIUS);

    /** Silver, gold, pink, blue, green, grey, and the saturated colours of "party" glitter. */
    private static final float[][] GLITTER = {
        {0.80f, 0.80f, 0.82f}, {0.85f, 0.70f, 0.35f}, {0.85f, 0.45f, 0.65f}, {0.40f, 0.55f, 0.90f},
        {0.45f, 0.80f, 0.55f}, {0.75f, 0.75f, 0.75f}, {0.95f, 0.15f, 0.20f}, {0.15f, 0.35f, 0.95f},
        {0.20f, 0.85f, 0.25f}, {0.90f, 0.20f, 0.90f}};

    public SealDesign {
        polishTint = polishTint.clone();
        particles = List.copyOf(particles);
        scratches = List.copyOf(scratches);
    }

    /** A new seal of the given shape: different glitter, tint and case grain for every seed. */
    public static SealDesign random(SealShape shape, long seed) {
        Random random = new Random(seed);
        ScrewHead head = random.nextBoolean() ? ScrewHead.PHILLIPS : ScrewHead.TORX;
        float[] tint = {0.25f + 0.2f * random.nextFloat(), 0.2f + 0.2f * random.nextFloat(), 0.25f + 0.2f * random.nextFloat()};
        double area = area(shape);
        int count = (int) (area * DENSITY_LOW * (1 + 0.6 * random.nextDouble()));
        return new SealDesign(shape, head, random.nextLong(), tint,
                glitterIn(shape, random, count, 0, 0, 2 * shape.reach()), List.of());
    }

    private static double area(SealShape shape) {
        int inside = 0;
        double reach = shape.reach();
        for (int j = 0; j < 100; j++) {
            for (int i = 0; i < 100; i++) {
                inside += shape.contains((i / 49.5 - 1) * reach, (j / 49.5 - 1) * reach) ? 1 : 0;
            }
        }
        return inside / 10_000.0 * 4 * reach * reach;
    }

    /** Random glitter uniformly over a disc (seal coordinates), kept a little inside the seal's edge. */
    static List<Particle> glitterIn(SealShape shape, Random random, int count, double cx, double cy, double radius) {
        List<Particle> out = new ArrayList<>(count);
        float[][] palette = {GLITTER[random.nextInt(GLITTER.length)], GLITTER[random.nextInt(GLITTER.length)],
            GLITTER[random.nextInt(GLITTER.length)]};
        int colours = 1 + random.nextInt(3);
        while (out.size() < count) {
            double r = radius * Math.sqrt(random.nextDouble());
            double a = 2 * Math.PI * random.nextDouble();
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (shape.distanceInside(x, y) < 0.05 * DOME_RADIUS) {
                continue;
            }
            float[] colour = palette[random.nextInt(colours)];
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
        return new SealDesign(shape, head, caseSeed, polishTint, replaced, scratches);
    }

    public SealDesign withScratch(Scratch scratch) {
        List<Scratch> all = new ArrayList<>(scratches);
        all.add(scratch);
        return new SealDesign(shape, head, caseSeed, polishTint, particles, all);
    }
}
