package dev.custody.seals.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The residual flow from the flakes' positions: local shifts are found, chance alignments are not. */
class FlakeFlowTest {
    private static final int SIZE = 300;
    private static final int CELL = 15;
    private static final int SEARCH = 12;
    private static final int REACH = 3 * CELL;
    /**
     * The block (pixels 60..240 on both axes, a third of the seal) where the photo differs from a
     * plain copy: wider than a cell's reach, so that the cells in its middle see nothing else.
     */
    private static final int BLOCK = 60;
    private static final int BLOCK_END = 240;

    /**
     * Where few flakes sparkle in the photo, a shift that lines the reference's flakes up with
     * something else (JPEG blocks, a grid of other maxima) can gather more votes than the true one.
     * Held-out genuine sticker #5 of seed 20261294 had a block of 8×9 cells shifted by 9 px that way,
     * which unmatched its flakes and called the seal tampered. The shift the rest of the seal agrees
     * on wins when enough of the cell's flakes agree with it too.
     */
    @Test
    void aChanceAlignmentFarFromTheSealsShiftLosesToOneNearItThatEnoughFlakesAgreeOn() {
        Random random = new Random(7);
        List<int[]> flakes = flakes(random);
        List<int[]> photo = new ArrayList<>();
        for (int[] f : flakes) {
            if (!inBlock(f)) {
                photo.add(f);
            } else {
                // in the block only half the flakes sparkle, and each has a decoy 4 px right, 8 px up
                if (random.nextBoolean()) {
                    photo.add(f);
                }
                photo.add(new int[] {f[0] + 4, f[1] - 8});
            }
        }

        FlowField flow = estimate(flakes, photo);

        double[] d = flow.at((BLOCK + BLOCK_END) / 2.0, (BLOCK + BLOCK_END) / 2.0);
        assertThat(Math.hypot(d[0], d[1])).as("shift %.1f,%.1f in the block", d[0], d[1]).isLessThan(1.0);
    }

    /**
     * A dome's parallax: where every flake is shifted, the shift is found, however far from the
     * rest of the seal's.
     */
    @Test
    void aShiftThatAllOfACellsFlakesAgreeOnIsKeptThoughTheRestOfTheSealHasNone() {
        List<int[]> flakes = flakes(new Random(11));
        List<int[]> photo = new ArrayList<>();
        for (int[] f : flakes) {
            photo.add(inBlock(f) ? new int[] {f[0] + 7, f[1]} : f);
        }

        FlowField flow = estimate(flakes, photo);

        double[] d = flow.at((BLOCK + BLOCK_END) / 2.0, (BLOCK + BLOCK_END) / 2.0);
        assertThat(d[0]).isCloseTo(-7, within(1.0));
        assertThat(d[1]).isCloseTo(0, within(1.0));
    }

    private static boolean inBlock(int[] p) {
        return p[0] >= BLOCK && p[0] < BLOCK_END && p[1] >= BLOCK && p[1] < BLOCK_END;
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
