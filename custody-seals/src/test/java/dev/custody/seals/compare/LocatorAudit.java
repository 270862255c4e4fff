package dev.custody.seals.compare;

import dev.custody.seals.Region;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealShape;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How well {@link SealLocator} finds the seal in the generator's references, against the box an
 * owner would mark (the true seal): the share of the true box the found box covers, the share of
 * the found box outside the true one (case taken in), and {@link SealCoverage#glitterBeyond} of the
 * densest detail the seal was grown from (what the comparison's fail-closed guard judges).
 * {@code java -cp BENCH-CLASSPATH dev.custody.seals.compare.LocatorAudit SEED round|strip|sticker GENUINE TAMPERED}.
 */
public final class LocatorAudit {
    private LocatorAudit() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        SealShape shape = SealShape.valueOf(args[1].toUpperCase(Locale.ROOT));
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT, List.of(shape));
        int genuine = Integer.parseInt(args[2]);
        int tampered = Integer.parseInt(args[3]);
        System.out.println("pair | found | true | true covered | found outside | glitter beyond | ms");
        for (int i = 0; i < genuine; i++) {
            audit("g", generator.genuine(i));
        }
        for (int i = 0; i < tampered; i++) {
            audit("t", generator.tampered(i));
        }
    }

    private static void audit(String kind, BenchmarkPair pair) {
        Pyramid reference = new Pyramid(GrayOps.luma(pair.reference()));
        long start = System.nanoTime();
        Optional<SealLocator.Located> located = SealLocator.search(reference);
        Optional<SealArea> found = located.map(SealLocator.Located::seal);
        double beyond = located.map(l -> SealCoverage.glitterBeyond(reference, l.densest())).orElse(Double.NaN);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Region truth = pair.referenceRoi();
        if (found.isEmpty()) {
            System.out.printf(Locale.ROOT, "%s%d | none | %s | 0 | 0 | - | %d%n", kind, pair.index(), text(truth), ms);
            return;
        }
        Region box = found.get().box();
        double common = overlap(box, truth);
        System.out.printf(Locale.ROOT, "%s%d | %s | %s | %.2f | %.2f | %.2f%s | %d%n", kind, pair.index(), text(box),
                text(truth), common / area(truth), 1 - common / area(box), beyond,
                beyond > SealCoverage.MAX_BEYOND ? " BEYOND" : "", ms);
    }

    private static double overlap(Region a, Region b) {
        double w = Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x());
        double h = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y());
        return Math.max(0, w) * Math.max(0, h);
    }

    private static double area(Region r) {
        return (double) r.w() * r.h();
    }

    private static String text(Region r) {
        return r.w() + "x" + r.h() + "@" + r.x() + "," + r.y();
    }
}
