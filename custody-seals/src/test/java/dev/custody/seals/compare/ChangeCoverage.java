package dev.custody.seals.compare;

import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.PairKind;
import dev.custody.seals.synth.SealBenchmark;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How much of each local change the comparison looks at: per tampered pair whose change is a patch
 * or a line (flakes removed or moved, a scratch), the share of the generator's change mask that
 * {@link SealCoverage}'s whole seal compares, and the share on its core. A change in a bay the seal
 * leaves out shows as a low first share, and is never seen. {@code ChangeCoverage FIRST_SEED
 * LAST_SEED TAMPERED}, all designs as {@code SealBenchmark} takes them; the pairs under 0.7 are marked.
 */
public final class ChangeCoverage {
    private static final Set<PairKind> LOCAL = EnumSet.of(PairKind.PARTICLES_REMOVED, PairKind.PARTICLES_MOVED, PairKind.SCRATCH);

    private ChangeCoverage() {}

    public static void main(String[] args) {
        for (long seed = Long.parseLong(args[0]); seed <= Long.parseLong(args[1]); seed++) {
            BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT);
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                BenchmarkPair pair = generator.tampered(i);
                if (!LOCAL.contains(pair.kind())) {
                    continue;
                }
                Pyramid reference = new Pyramid(GrayOps.luma(pair.reference()));
                Optional<SealArea> whole = SealLocator.find(reference).flatMap(seal -> SealCoverage.whole(reference, seal));
                String shares = whole.map(seal -> shares(seal, generator.referenceToPhoto(pair).inverse(), pair.changed()))
                        .orElse("no seal delimited");
                System.out.printf(Locale.ROOT, "%d #%d %s %s: %s%n", seed, i, pair.shape().word(), pair.kind().word(), shares);
            }
        }
    }

    /** The change mask is in the photo's pixels; the seal in the reference's. */
    private static String shares(SealArea seal, Homography photoToReference, BufferedImage changed) {
        int total = 0;
        int compared = 0;
        int onCore = 0;
        for (int y = 0; y < changed.getHeight(); y += 2) {
            for (int x = 0; x < changed.getWidth(); x += 2) {
                if ((changed.getRGB(x, y) & 0xff) > 127) {
                    double[] r = photoToReference.map(x, y);
                    total++;
                    compared += seal.contains(r[0], r[1]) ? 1 : 0;
                    onCore += seal.inCore(r[0], r[1]) ? 1 : 0;
                }
            }
        }
        double share = compared / (double) Math.max(1, total);
        return String.format(Locale.ROOT, "compared %.2f, on the core %.2f%s", share, onCore / (double) Math.max(1, total),
                share < 0.7 ? "  <<<" : "");
    }
}
