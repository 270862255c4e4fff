package dev.custody.seals.compare;

import dev.custody.seals.Region;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import java.util.Locale;
import java.util.Optional;

/**
 * How large the seal the comparison delimits is against the seal drawn: per genuine pair, the
 * owner's box (the generator's truth), {@link SealLocator}'s area and {@link SealCoverage}'s grown
 * one, with the larger of the two sides' ratios to the truth. A sticker found over the seam beside
 * it shows as a ratio well above 1. {@code LocatorAudit SEED GENUINE}, all designs as
 * {@code SealBenchmark} takes them.
 */
public final class LocatorAudit {
    private LocatorAudit() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            BenchmarkPair pair = generator.genuine(i);
            Pyramid reference = new Pyramid(GrayOps.luma(pair.reference()));
            Optional<SealArea> found = SealLocator.find(reference);
            Optional<SealArea> whole = found.flatMap(seal -> SealCoverage.whole(reference, seal));
            Region truth = pair.referenceRoi();
            System.out.printf(Locale.ROOT, "%d #%d %s: truth %dx%d, found %s, grown %s%n", seed, i, pair.shape(),
                    truth.w(), truth.h(), describe(found, truth), describe(whole, truth));
        }
    }

    private static String describe(Optional<SealArea> area, Region truth) {
        return area.map(SealArea::box)
                .map(box -> String.format(Locale.ROOT, "%dx%d (%.2f)", box.w(), box.h(),
                        Math.max(box.w() / (double) truth.w(), box.h() / (double) truth.h())))
                .orElse("none");
    }
}
