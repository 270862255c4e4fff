package dev.custody.seals.compare;

import dev.custody.seals.Comparison;
import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.SealBenchmark;
import dev.custody.seals.synth.SealShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How close each pair comes to {@link FlakeEvidence#overwhelming}: the group whose flakes stand
 * furthest above the pair's rate (z), among groups of at least twice {@link FlakeEvidence#MIN_FLAKES}
 * flakes whose unmatched share clears {@link FlakeEvidence#EXCESS}, with its structure sum.
 * {@code java -cp BENCH-CLASSPATH dev.custody.seals.compare.FlakeStrength SEED DESIGNS GENUINE TAMPERED},
 * pairs as {@link RuleDiagnosis} takes them; one line per pair.
 */
public final class FlakeStrength {
    private FlakeStrength() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        List<SealShape> shapes = Arrays.stream(args[1].split(","))
                .map(w -> SealShape.valueOf(w.toUpperCase(Locale.ROOT))).toList();
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT, shapes);
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            diagnose(generator.genuine(i));
        }
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            diagnose(generator.tampered(i));
        }
    }

    private static void diagnose(BenchmarkPair pair) {
        List<FrameComparison.Decision> seen = new ArrayList<>();
        Comparison c = SealComparison.run(pair.reference(), Optional.empty(), pair.photo(), stage -> { }, seen::add);
        String head = String.format(Locale.ROOT, "pair %s %s #%d %s %.3f", pair.shape().word(), pair.kind(), pair.index(),
                c.verdict().word(), c.score());
        Optional<FrameComparison.Decision> last = seen.stream().reduce((a, b) -> b);
        if (last.isEmpty()) {
            System.out.println(head + " | no decision: " + c.reasons().getFirst());
            return;
        }
        FlakeEvidence flakes = last.get().flakes();
        double[] best = null;
        double bestSum = 0;
        for (ChangeEvidence.Group g : last.get().groups()) {
            double[] t = flakes.tally(g);
            if (t[0] >= 2 * FlakeEvidence.MIN_FLAKES && t[1] / t[0] - t[3] >= FlakeEvidence.EXCESS
                    && (best == null || t[2] > best[2])) {
                best = t;
                bestSum = g.sum();
            }
        }
        System.out.println(best == null ? head + " | no group" : String.format(Locale.ROOT,
                "%s | z %.2f n %.0f u %.0f excess %.2f sum %.2f%s", head, best[2], best[0], best[1], best[1] / best[0] - best[3],
                bestSum, best[2] >= FlakeEvidence.OVERWHELMING ? " overwhelming" : ""));
    }
}
