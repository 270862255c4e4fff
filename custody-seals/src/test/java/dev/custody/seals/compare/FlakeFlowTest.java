package dev.custody.seals.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The residual flow from the flakes' positions. A guard for the next attempt at chance alignments
 * (docs/benchmarks.md, "Chance alignments in the flow"): whatever distrusts a shift far from the
 * seal's own must keep a dome's.
 */
class FlakeFlowTest {
    private static final int SIZE = 300;
    private static final int CELL = 15;
    private static final int SEARCH = 12;
    private static final int REACH = 3 * CELL;

    /**
     * A dome's parallax: the shift grows smoothly from the seal's own (none at the centre here) to
     * 7 px at its sides, and is found there, although it is far from the median of the seal's.
     */
    @Test
    void aDomesParallaxFarFromTheSealsShiftIsKeptWhereItGrowsSmoothly() {
        List<int[]> flakes = flakes(new Random(11));
        List<int[]> photo = new ArrayList<>();
        for (int[] f : flakes) {
            photo.add(new int[] {f[0] + (int) Math.round(parallax(f[0])), f[1]});
        }

        FlowField flow = estimate(flakes, photo);

        // the field is smoothed over a few cells, so at the side it lags the steepest parallax; a
        // field pulled back to the seal's own shift would be near 0 there
        assertThat(flow.at(265, 150)[0]).isLessThan(-parallax(265) / 2);
        assertThat(flow.at(150, 150)[0]).isCloseTo(0, within(1.0));
    }

    /** The dome's shift (pixels, to the right) at x: 0 at the centre, 7 at 130 px from it. */
    private static double parallax(double x) {
        double fromCentre = (x - SIZE / 2.0) / 130;
        return 7 * fromCentre * fromCentre;
    }

    /** Up to 900 flakes at least 6 px apart, away from the border. */
    private static List<int[]> flakes(Random random) {
        List<int[]> out = new ArrayList<>();
        for (int tries = 0; tries < 20_000 && out.size() < 900; tries++) {
            int[] p = {20 + random.nextInt(SIZE - 40), 20 + random.nextInt(SIZE - 40)};
            if (out.stream().noneMatch(q -> Math.abs(q[0] - p[0]) < 6 && Math.abs(q[1] - p[1]) < 6)) {
                out.add(p);
            }
        }
        return out;
    }

    private static FlowField estimate(List<int[]> reference, List<int[]> photo) {
        boolean[] valid = new boolean[SIZE * SIZE];
        Arrays.fill(valid, true);
        return FlakeFlow.estimate(band(reference), band(photo), valid, CELL, SEARCH, REACH);
    }

    /** A band-pass image with a small blob at each flake (and nothing elsewhere). */
    private static Gray band(List<int[]> flakes) {
        Gray g = new Gray(SIZE, SIZE);
        for (int[] f : flakes) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int i = (f[1] + dy) * SIZE + f[0] + dx;
                    g.data()[i] = Math.max(g.data()[i], dx == 0 && dy == 0 ? 10 : 5);
                }
            }
        }
        return g;
    }
}
