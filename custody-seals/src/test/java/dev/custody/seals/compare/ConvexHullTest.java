package dev.custody.seals.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConvexHullTest {
    private static final int W = 20;
    private static final int H = 16;

    /** A C open to the right: the hull closes its mouth and takes in nothing beyond its ends. */
    @Test
    void closesTheMouthOfACShape() {
        boolean[] c = new boolean[W * H];
        for (int y = 2; y <= 12; y++) {
            for (int x = 3; x <= 14; x++) {
                boolean bar = y <= 4 || y >= 10 || x <= 5;
                c[y * W + x] = bar;
            }
        }

        boolean[] hull = ConvexHull.fill(c, W, H);

        assertThat(hull[7 * W + 10]).as("inside the mouth").isTrue();
        assertThat(hull[7 * W + 14]).as("on the line between the ends").isTrue();
        assertThat(hull[7 * W + 15]).as("beyond the ends").isFalse();
        assertThat(hull[1 * W + 8]).as("above the top bar").isFalse();
        assertThat(count(hull)).isEqualTo(11 * 12);
    }

    @Test
    void leavesAConvexMaskAsItIs() {
        boolean[] disc = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                disc[y * W + x] = (x - 9) * (x - 9) + (y - 7) * (y - 7) <= 25;
            }
        }

        assertThat(ConvexHull.fill(disc, W, H)).isEqualTo(disc);
    }

    @Test
    void aPointOrALineStaysWhatItIs() {
        boolean[] point = new boolean[W * H];
        point[5 * W + 5] = true;
        boolean[] line = new boolean[W * H];
        for (int x = 2; x < 12; x++) {
            line[8 * W + x] = true;
        }

        assertThat(ConvexHull.fill(point, W, H)).isEqualTo(point);
        assertThat(ConvexHull.fill(line, W, H)).isEqualTo(line);
        assertThat(ConvexHull.fill(new boolean[W * H], W, H)).isEqualTo(new boolean[W * H]);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean on : mask) {
            n += on ? 1 : 0;
        }
        return n;
    }
}
