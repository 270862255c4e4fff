package dev.custody.seals.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.seals.Comparison;
import dev.custody.seals.SealComparator;
import dev.custody.seals.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a dome whose glitter is sparser at the bottom, where the seal finder's densest detail
 * leaves a bay. A patch of flakes was removed in that bay (held-out seed 20261290, tampered pair
 * #0), and with the bay not compared the pair was called intact (0.803). The glitter in a bay of
 * the seal found is compared too.
 */
class SealBayTest {
    @Test
    void flakesRemovedInABayOfTheSealFoundAreFound() {
        BenchmarkPair pair = new BenchmarkGenerator(20261290, SealBenchmark.WIDTH, SealBenchmark.HEIGHT,
                List.of(SealShape.values())).tampered(0);
        assertThat(pair.kind()).isEqualTo(PairKind.PARTICLES_REMOVED);

        Comparison c = SealComparator.compare(pair.reference(), Optional.empty(), pair.photo());

        assertThat(c.verdict()).as(String.join(" ", c.reasons())).isEqualTo(Verdict.TAMPERED);
    }
}
