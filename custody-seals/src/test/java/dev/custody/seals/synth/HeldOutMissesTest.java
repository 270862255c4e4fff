package dev.custody.seals.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.seals.Comparison;
import dev.custody.seals.SealComparator;
import dev.custody.seals.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 18: tampered pairs of held-out seeds that were called intact, each for a reason of its own. */
class HeldOutMissesTest {
    /**
     * A dome whose glitter is sparser at the bottom, where the seal finder's densest detail leaves
     * a bay. A patch of flakes was removed in that bay (seed 20261290, tampered pair #0), and with
     * the bay not compared the pair was called intact (0.803).
     */
    @Test
    void flakesRemovedInABayOfTheSealFoundAreFound() {
        assertTampered(20261290, 0);
    }

    /**
     * A patch removed where the dome's glitter is dull (seed 20261305, tampered pair #0): the
     * reference shows five flakes there and the photo none of them, too few for the rules of a
     * group that could hold more (intact, 0.842).
     */
    @Test
    void theFewFlakesOfADullPatchAllGoneAreFound() {
        assertTampered(20261305, 0);
    }

    private static void assertTampered(long seed, int index) {
        BenchmarkPair pair = new BenchmarkGenerator(seed, SealBenchmark.WIDTH, SealBenchmark.HEIGHT).tampered(index);
        assertThat(pair.kind()).isEqualTo(PairKind.PARTICLES_REMOVED);

        Comparison c = SealComparator.compare(pair.reference(), Optional.empty(), pair.photo());

        assertThat(c.verdict()).as(String.join(" ", c.reasons())).isEqualTo(Verdict.TAMPERED);
    }
}
