package dev.custody.seals.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.seals.Region;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** The seal found is grown over glitter it left out, and never past glitter without an edge. */
class SealCoverageTest {
    private static final int W = 480;
    private static final int H = 360;
    private static final int CX = 240;
    private static final int CY = 180;

    @Test
    void aSealThatTakesInAllItsGlitterStaysAsFound() {
        SealArea found = disc(100);

        Optional<SealArea> whole = SealCoverage.whole(new Pyramid(glitter((x, y) -> inDisc(x, y, 100))), found);

        assertThat(whole).contains(found);
    }

    @Test
    void aSealFoundOnlyInPartIsGrownOverTheRest() {
        SealArea leftHalf = mask((x, y) -> inDisc(x, y, 100) && x < CX + 10);

        Optional<SealArea> whole = SealCoverage.whole(new Pyramid(glitter((x, y) -> inDisc(x, y, 100))), leftHalf);

        assertThat(whole).hasValueSatisfying(seal -> {
            assertThat(seal.inCore(CX + 60, CY)).as("the far side of the glitter").isTrue();
            assertThat(seal.contains(CX + 90, CY)).as("compared up to its outermost flakes").isTrue();
            assertThat(seal.contains(CX + 140, CY)).as("the case beyond the margin").isFalse();
        });
    }

    /** Too little glitter left out to grow the seal, but a change in that bay must still be compared. */
    @Test
    void glitterInABayOfTheSealFoundIsComparedToo() {
        SealArea withBay = mask((x, y) -> inDisc(x, y, 100) && !(x > CX + 40 && Math.abs(y - CY) < 25));
        assertThat(withBay.contains(CX + 75, CY)).as("the bay, as found").isFalse();

        Optional<SealArea> whole = SealCoverage.whole(new Pyramid(glitter((x, y) -> inDisc(x, y, 100))), withBay);

        assertThat(whole).hasValueSatisfying(seal -> {
            assertThat(seal.contains(CX + 75, CY)).as("the bay's glitter").isTrue();
            assertThat(seal.contains(CX + 95, CY)).as("out to the bay's mouth").isTrue();
            assertThat(seal.contains(CX + 140, CY)).as("the case beyond the margin").isFalse();
            assertThat(seal.box()).as("the frame compared stays as it was").isEqualTo(withBay.box());
            assertThat(seal.inCore(CX + 75, CY)).as("the pair's rates are still taken on the seal as found").isFalse();
        });
    }

    @Test
    void glitterWithoutAnEdgeIsNotDelimited() {
        Optional<SealArea> whole = SealCoverage.whole(new Pyramid(glitter((x, y) -> true)), disc(30));

        assertThat(whole).isEmpty();
    }

    /** Bright 3-pixel flakes about every 8 pixels where {@code on} holds, on a dark grainy ground. */
    private static Gray glitter(BiPredicate<Integer, Integer> on) {
        Random random = new Random(7);
        Gray g = new Gray(W, H);
        for (int i = 0; i < W * H; i++) {
            g.data()[i] = 50 + 4 * (float) random.nextGaussian();
        }
        for (int y = 4; y < H - 4; y += 8) {
            for (int x = 4; x < W - 4; x += 8) {
                int fx = x + random.nextInt(3) - 1;
                int fy = y + random.nextInt(3) - 1;
                if (on.test(fx, fy)) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            g.data()[(fy + dy) * W + fx + dx] = dx == 0 && dy == 0 ? 220 : 150;
                        }
                    }
                }
            }
        }
        return g;
    }

    private static boolean inDisc(int x, int y, int radius) {
        return (x - CX) * (x - CX) + (y - CY) * (y - CY) <= radius * radius;
    }

    private static SealArea disc(int radius) {
        return mask((x, y) -> inDisc(x, y, radius));
    }

    /** A seal found at full scale (step 1), its core the mask and its margin 6 pixels. */
    private static SealArea mask(BiPredicate<Integer, Integer> core) {
        int x0 = W, y0 = H, x1 = -1, y1 = -1;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (core.test(x, y)) {
                    x0 = Math.min(x0, x - 6);
                    y0 = Math.min(y0, y - 6);
                    x1 = Math.max(x1, x + 6);
                    y1 = Math.max(y1, y + 6);
                }
            }
        }
        int columns = x1 - x0 + 1;
        int rows = y1 - y0 + 1;
        boolean[] cells = new boolean[columns * rows];
        boolean[] coreCells = new boolean[columns * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int x = x0 + c;
                int y = y0 + r;
                coreCells[r * columns + c] = core.test(x, y);
                boolean near = false;
                for (int dy = -6; dy <= 6 && !near; dy += 3) {
                    for (int dx = -6; dx <= 6 && !near; dx += 3) {
                        near = core.test(x + dx, y + dy);
                    }
                }
                cells[r * columns + c] = near;
            }
        }
        return new SealArea(new Region(x0, y0, columns, rows), 1, columns, rows, cells, coreCells);
    }
}
