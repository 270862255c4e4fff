package dev.custody.seals.synth;

import dev.custody.seals.Region;
import dev.custody.seals.compare.Homography;
import java.util.Random;

/**
 * Deterministic benchmark pairs: the same seed, size and index always give the same images.
 * Each pair is a fresh seal; tampered pairs cycle through {@link PairKind#TAMPERS}.
 */
public record BenchmarkGenerator(long seed, int width, int height) {

    public BenchmarkGenerator {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("benchmark photos need at least 64x64 pixels");
        }
    }

    public BenchmarkPair genuine(int index) {
        return pair(index, PairKind.GENUINE);
    }

    public BenchmarkPair tampered(int index) {
        return pair(index, PairKind.TAMPERS.get(index % PairKind.TAMPERS.size()));
    }

    public BenchmarkPair pair(int index, PairKind kind) {
        Random random = new Random(seed * 1_000_003L + index * 7919L + kind.ordinal());
        SealDesign seal = SealDesign.random(random.nextLong());
        Shot referenceShot = Shot.reference(random, width, height);
        Shot laterShot = Shot.later(random, width, height, referenceShot.scale());
        Tampering tampering = Tampering.apply(kind, seal, random);
        return new BenchmarkPair(index, kind, SealRenderer.photograph(seal, referenceShot), roi(referenceShot),
                SealRenderer.photograph(tampering.design(), laterShot), SealRenderer.mask(tampering.changed(), laterShot));
    }

    /** The dome's bounding box in the reference, with a margin, as an owner would mark it. */
    private static Region roi(Shot shot) {
        Homography toPhoto = shot.sealToPhoto();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double reach = 1.1 * SealDesign.DOME_RADIUS;
        for (int i = 0; i < 64; i++) {
            double a = 2 * Math.PI * i / 64;
            double[] p = toPhoto.map(reach * Math.cos(a), reach * Math.sin(a));
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        int x0 = (int) Math.max(0, Math.floor(minX));
        int y0 = (int) Math.max(0, Math.floor(minY));
        int x1 = (int) Math.min(shot.width(), Math.ceil(maxX));
        int y1 = (int) Math.min(shot.height(), Math.ceil(maxY));
        return new Region(x0, y0, x1 - x0, y1 - y0);
    }
}
