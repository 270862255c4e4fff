package dev.custody.seals.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Applies one kind of tampering to a seal and says which part of it changed. */
public record Tampering(SealDesign design, ChangeMask changed) {
    private static final double R = SealDesign.DOME_RADIUS;
    /** The ground truth reaches a little past the changed flakes, as their edges change too. */
    private static final double MARGIN = 12;
    /** The smallest patch of flakes removed or moved: fewer than this is below what the comparison promises to see. */
    private static final int MIN_FLAKES = 8;

    public static Tampering apply(PairKind kind, SealDesign seal, Random random) {
        return switch (kind) {
            case GENUINE -> new Tampering(seal, (x, y) -> false);
            case PARTICLES_REMOVED -> removeParticles(seal, random);
            case PARTICLES_MOVED -> moveParticles(seal, random);
            case SCRATCH -> scratch(seal, random);
            case REAPPLIED_PART -> reapply(seal, random);
            case REAPPLIED_ALL -> new Tampering(new SealDesign(seal.shape(), seal.head(), seal.caseSeed(), seal.polishTint(),
                    SealDesign.glitterIn(seal.shape(), random, seal.particles().size(), 0, 0, 2 * seal.shape().reach()),
                    List.of()), seal.shape()::contains);
            case DIFFERENT_SEAL -> new Tampering(SealDesign.random(seal.shape(), random.nextLong()),
                    (x, y) -> seal.shape().distanceInside(x, y) > -0.1 * R);
        };
    }


    /** The flakes not within {@code radius} of {@code centre}. */
    private static List<Particle> outside(SealDesign seal, double[] centre, double radius) {
        List<Particle> kept = new ArrayList<>();
        for (Particle p : seal.particles()) {
            if (Math.hypot(p.x() - centre[0], p.y() - centre[1]) >= radius) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** Someone picked out (or scraped off) the flakes of a small patch. */
    private static Tampering removeParticles(SealDesign seal, Random random) {
        while (true) {
            double[] c = seal.shape().randomPoint(random, 0.1 * R);
            double radius = (0.14 + 0.08 * random.nextDouble()) * R;
            List<Particle> kept = outside(seal, c, radius);
            if (seal.particles().size() - kept.size() >= MIN_FLAKES) {
                return new Tampering(seal.withParticles(kept), ChangeMask.disc(c[0], c[1], radius + MARGIN));
            }
        }
    }

    /** Flakes of a small patch pushed elsewhere (a screw turned under soft polish). */
    private static Tampering moveParticles(SealDesign seal, Random random) {
        while (true) {
            double[] c = seal.shape().randomPoint(random, 0.15 * R);
            double radius = (0.09 + 0.06 * random.nextDouble()) * R;
            double distance = (0.12 + 0.1 * random.nextDouble()) * R;
            double direction = 2 * Math.PI * random.nextDouble();
            double dx = distance * Math.cos(direction);
            double dy = distance * Math.sin(direction);
            if (seal.shape().distanceInside(c[0] + dx, c[1] + dy) < 0.15 * R) {
                continue;
            }
            double turn = random.nextDouble() - 0.5;
            List<Particle> result = new ArrayList<>();
            int moved = 0;
            for (Particle p : seal.particles()) {
                if (Math.hypot(p.x() - c[0], p.y() - c[1]) < radius) {
                    result.add(p.movedBy(dx, dy, turn));
                    moved++;
                } else {
                    result.add(p);
                }
            }
            if (moved >= MIN_FLAKES) {
                double reach = radius + MARGIN + 12;
                return new Tampering(seal.withParticles(result),
                        ChangeMask.disc(c[0], c[1], reach).or(ChangeMask.disc(c[0] + dx, c[1] + dy, reach)));
            }
        }
    }

    /** A straight scratch through the polish; the flakes it crosses are torn out. */
    private static Tampering scratch(SealDesign seal, Random random) {
        double[] c = seal.shape().randomPoint(random, 0.25 * R);
        double length = (0.7 + 0.5 * random.nextDouble()) * R;
        double a = Math.PI * random.nextDouble();
        double width = 6 + 6 * random.nextDouble();
        Scratch s = new Scratch(c[0] - length / 2 * Math.cos(a), c[1] - length / 2 * Math.sin(a),
                c[0] + length / 2 * Math.cos(a), c[1] + length / 2 * Math.sin(a), width);
        List<Particle> kept = new ArrayList<>();
        for (Particle p : seal.particles()) {
            if (s.distanceTo(p.x(), p.y()) > width / 2 + p.radius()) {
                kept.add(p);
            }
        }
        ChangeMask inDome = seal.shape()::contains;
        ChangeMask near = (x, y) -> s.distanceTo(x, y) < width / 2 + MARGIN;
        return new Tampering(seal.withParticles(kept).withScratch(s), (x, y) -> inDome.contains(x, y) && near.contains(x, y));
    }

    /** Polish scraped off part of the seal and fresh glitter polish painted over the gap. */
    private static Tampering reapply(SealDesign seal, Random random) {
        double[] c = seal.shape().randomPoint(random, 0.2 * R);
        double radius = (0.3 + 0.2 * random.nextDouble()) * R;
        List<Particle> kept = outside(seal, c, radius);
        int removed = seal.particles().size() - kept.size();
        for (Particle p : SealDesign.glitterIn(seal.shape(), random, Math.max(4, removed), c[0], c[1], radius)) {
            kept.add(p);
        }
        ChangeMask disc = ChangeMask.disc(c[0], c[1], radius + MARGIN);
        return new Tampering(seal.withParticles(kept), (x, y) -> disc.contains(x, y) && seal.shape().contains(x, y));
    }
}
