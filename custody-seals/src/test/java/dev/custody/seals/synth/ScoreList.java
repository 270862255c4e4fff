package dev.custody.seals.synth;

import dev.custody.seals.Comparison;
import dev.custody.seals.SealComparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Each pair's verdict and score to nine decimals, one line a pair: run it on two builds and diff
 * the output to show that a change meant to be exact (a faster filter, work moved to another
 * thread) moves no score at all. {@code ScoreList SEED GENUINE TAMPERED}.
 */
public final class ScoreList {
    private ScoreList() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int genuine = Integer.parseInt(args[1]);
        int tampered = Integer.parseInt(args[2]);
        BenchmarkGenerator generator = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT);
        for (int i = 0; i < genuine + tampered; i++) {
            BenchmarkPair pair = i < genuine ? generator.genuine(i) : generator.tampered(i - genuine);
            Comparison c = SealComparator.compare(pair.reference(), Optional.empty(), pair.photo());
            System.out.printf(Locale.ROOT, "%s #%d %s: %s %.9f%n", pair.kind(), pair.index(), pair.shape(),
                    c.verdict(), c.score());
        }
    }
}
