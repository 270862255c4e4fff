package dev.custody.seals.synth;

import dev.custody.seals.Region;
import dev.custody.seals.compare.Homography;
import java.util.List;
import java.util.Random;

/**
 * Deterministic benchmark pairs: the same seed, size, designs and index always give the same
 * images. Each pair is a fresh seal; tampered pairs cycle through {@link PairKind#TAMPERS}, and
 * the designs take turns across those cycles.
 */
public record BenchmarkGenerator(long seed, int width, int height, List<SealShape> shapes) {

    public BenchmarkGenerator {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("benchmark photos need at least 64x64 pixels");
        }
        shapes = List.copyOf(shapes);
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("benchmark pairs need at least one seal design");
        }
    }

    /** Pairs of every design. */
    public BenchmarkGenerator(long seed, int width, int height) {
        this(seed, width, height, List.of(SealShape.values()));
    }

    public BenchmarkPair genuine(int index) {
        return pair(index, PairKind.GENUINE, shapes.get(index % shapes.size()));
    }

    public BenchmarkPair tampered(int index) {
        int kinds = PairKind.TAMPERS.size();
        return pair(index, PairKind.TAMPERS.get(index % kinds), shapes.get(index / kinds % shapes.size()));
    }

    /** A pair of a round seal over a screw. */
    public BenchmarkPair pair(int index, PairKind kind) {
        return pair(index, kind, SealShape.ROUND);
    }

    public BenchmarkPair pair(int index, PairKind kind, SealShape shape) {
        return pair(index, kind, kind, shape);
    }

    /**
     * The reference of {@code genuine(index)}, photographed later after {@code kind} of tampering:
     * the same seal and the same shots, so a test can enrol the genuine reference once and show
     * both an honest and a tampered re-photograph of it.
     */
    public BenchmarkPair tamperedGenuine(int index, PairKind kind) {
        return pair(index, PairKind.GENUINE, kind, shapes.get(index % shapes.size()));
    }

    private BenchmarkPair pair(int index, PairKind drawnAs, PairKind kind, SealShape shape) {
        Draw draw = draw(index, drawnAs, shape);
        Tampering tampering = Tampering.apply(kind, draw.seal(), draw.random());
        return new BenchmarkPair(index, kind, shape, SealRenderer.photograph(draw.seal(), draw.reference()),
                roi(draw.reference(), shape), SealRenderer.photograph(tampering.design(), draw.later()),
                SealRenderer.mask(tampering, draw.later()));
    }

    /**
     * The camera's true map from the reference to the later photo of a pair made by
     * {@link #genuine} or {@link #tampered} (flat part: a dome adds parallax on top), for telling
     * an alignment error from a decision error while diagnosing.
     */
    public Homography referenceToPhoto(BenchmarkPair pair) {
        Draw draw = draw(pair.index(), pair.kind(), pair.shape());
        return draw.later().sealToPhoto().after(draw.reference().sealToPhoto().inverse());
    }

    /** The later photo's pixels to seal units (flat part), for placing a photo's area on the seal while diagnosing. */
    public Homography photoToSeal(BenchmarkPair pair) {
        return draw(pair.index(), pair.kind(), pair.shape()).later().sealToPhoto().inverse();
    }

    /** The design and both shots of a pair made by {@link #genuine} or {@link #tampered} (before tampering), for diagnosis. */
    public Truth truth(BenchmarkPair pair) {
        Draw draw = draw(pair.index(), pair.kind(), pair.shape());
        return new Truth(draw.seal(), draw.reference(), draw.later());
    }

    /** A pair's seal as designed and its two shots. */
    public record Truth(SealDesign seal, Shot reference, Shot later) {}

    /** The design the later photo shows (after its tampering), for diagnosis. */
    public SealDesign laterDesign(BenchmarkPair pair) {
        Draw draw = draw(pair.index(), pair.kind(), pair.shape());
        return Tampering.apply(pair.kind(), draw.seal(), draw.random()).design();
    }

    /** The seal and both shots of a pair; {@code random} goes on to draw the tampering. */
    private record Draw(SealDesign seal, Shot reference, Shot later, Random random) {}

    private Draw draw(int index, PairKind drawnAs, SealShape shape) {
        Random random = new Random(seed * 1_000_003L + index * 7919L + drawnAs.ordinal() * 31L + shape.ordinal());
        SealDesign seal = SealDesign.random(shape, random.nextLong());
        Shot referenceShot = Shot.reference(random, width, height, shape);
        Shot laterShot = Shot.later(random, width, height, referenceShot.scale(), shape);
        return new Draw(seal, referenceShot, laterShot, random);
    }

    /** The seal's bounding box in the reference, with a margin, as an owner would mark it. */
    private static Region roi(Shot shot, SealShape shape) {
        Homography toPhoto = shot.sealToPhoto();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] edge : shape.outline(96)) {
            double[] p = toPhoto.map(1.1 * edge[0], 1.1 * edge[1]);
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
