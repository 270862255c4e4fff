package dev.custody.seals.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Flicker leaves unmatched flakes scattered one by one, tampering leaves them crowded together
 * (issue 18: the honest sticker groups of seed 101 were chance crowds of independent flicker).
 */
class FlakeScanTest {
    private static final int SIDE = 400;
    private static final int CELL = 10;
    private static final int PITCH = 20;
    private static final CellMap CELLS = new CellMap(SIDE / CELL, SIDE / CELL, CELL, new float[(SIDE / CELL) * (SIDE / CELL)]);
    private static final double TOGETHER = 8;
    /** A 60 px square: nine flakes of each image. */
    private static final int PATCH_FROM = 200;
    private static final int PATCH_TO = 260;

    @Test
    void flickerScatteredFlakeByFlakeIsChance() {
        FlakeScan scan = FlakeScan.of(CELLS, flicker(), TOGETHER);

        assertTrue(scan.pValue() > FlakeScan.SIGNIFICANT, "p " + scan.pValue());
        assertFalse(scan.crowdedBeyondChance());
    }

    @Test
    void aRemovedPatchIsNot() {
        List<int[]> flakes = new ArrayList<>();
        for (int[] f : flicker()) {
            if (!inPatch(f)) {
                flakes.add(f);
            } else if (f[3] == 0) {
                flakes.add(new int[] {f[0], f[1], 1, 0});
            }
        }

        FlakeScan scan = FlakeScan.of(CELLS, flakes, TOGETHER);

        assertEquals(1.0 / (1 + FlakeScan.SHUFFLES), scan.pValue());
        assertTrue(scan.crowdedBeyondChance());
    }

    /** A sparkle's rings: maxima of one image close together are one flake, matched if any of them is. */
    @Test
    void aFlakeWithOneMatchedRingIsMatched() {
        List<int[]> flakes = new ArrayList<>();
        for (int[] f : flicker()) {
            if (inPatch(f) && f[3] == 0) {
                flakes.add(new int[] {f[0], f[1], 1, 0});
                flakes.add(new int[] {f[0] + 5, f[1], 0, 0});
            } else {
                flakes.add(f);
            }
        }

        assertEquals(FlakeScan.of(CELLS, clearedPatch(flicker()), TOGETHER).pValue(),
                FlakeScan.of(CELLS, flakes, TOGETHER).pValue());
    }

    /** One flake of each image every PITCH pixels, one in ten unmatched at random. */
    private static List<int[]> flicker() {
        SplittableRandom random = new SplittableRandom(7);
        List<int[]> flakes = new ArrayList<>();
        for (int image = 0; image < 2; image++) {
            for (int y = PITCH / 2 + image; y < SIDE; y += PITCH) {
                for (int x = PITCH / 2 + image; x < SIDE; x += PITCH) {
                    flakes.add(new int[] {x, y, random.nextInt(10) == 0 ? 1 : 0, image});
                }
            }
        }
        return flakes;
    }

    /** The reference's flakes of the patch matched, as their rings' counterparts make them. */
    private static List<int[]> clearedPatch(List<int[]> flakes) {
        return flakes.stream().map(f -> inPatch(f) && f[3] == 0 ? new int[] {f[0], f[1], 0, 0} : f).toList();
    }

    private static boolean inPatch(int[] f) {
        return f[0] >= PATCH_FROM && f[0] < PATCH_TO && f[1] >= PATCH_FROM && f[1] < PATCH_TO;
    }
}
