package dev.custody.seals.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlakeColourTest {
    private static final int SIDE = 40;
    private static final boolean[] INSIDE = everywhere();

    @Test
    void aFlakeWhoseColourPatternIsTheSameInBothPhotosIsStillThere() {
        Gray[] reference = colour(blob(20, 20, 30, -12), noise(1));
        // dimmer and desaturated by sparkle's white light, and over other noise: the pattern is what counts
        Gray[] photo = colour(blob(20, 20, 12, -5), noise(2));
        assertTrue(new FlakeColour(reference, photo, INSIDE).sameAt(20, 20));
    }

    @Test
    void aFlakeRemovedLeavesOnlyTheGroundsNoise() {
        Gray[] reference = colour(blob(20, 20, 30, -12), noise(3));
        Gray[] photo = colour(blob(20, 20, 0, 0), noise(4));
        assertFalse(new FlakeColour(reference, photo, INSIDE).sameAt(20, 20));
    }

    @Test
    void aFlakeOfTheSameColourBesideItIsNotIt() {
        Gray[] reference = colour(blob(20, 20, 30, -12), noise(5));
        Gray[] photo = colour(blob(23, 23, 30, -12), noise(6));
        assertFalse(new FlakeColour(reference, photo, INSIDE).sameAt(20, 20));
    }

    /** ln(R/G) and ln(B/G): a white balance gain on red moves the red plane by 100·ln(gain) and nothing else. */
    @Test
    void aWhiteBalanceGainOnlyShiftsTheLogChroma() {
        Random random = new Random(7);
        BufferedImage before = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        BufferedImage after = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int r = 80 + random.nextInt(120);
                int g = 60 + random.nextInt(160);
                int b = 60 + random.nextInt(160);
                before.setRGB(x, y, r << 16 | g << 8 | b);
                after.setRGB(x, y, (int) Math.round(r * 1.2) << 16 | g << 8 | b);
            }
        }
        Gray[] a = GrayOps.logChroma(before, 1);
        Gray[] b = GrayOps.logChroma(after, 1);
        for (int i = 0; i < SIDE * SIDE; i++) {
            assertEquals(100 * Math.log(1.2), b[0].data()[i] - a[0].data()[i], 1.0);
            assertEquals(a[1].data()[i], b[1].data()[i], 1e-4);
        }
    }

    private static Gray[] colour(Gray[] blob, Gray[] noise) {
        Gray[] out = new Gray[2];
        for (int k = 0; k < 2; k++) {
            float[] v = new float[SIDE * SIDE];
            for (int i = 0; i < v.length; i++) {
                v[i] = blob[k].data()[i] + noise[k].data()[i];
            }
            out[k] = new Gray(SIDE, SIDE, v);
        }
        return out;
    }

    /** A flake of about 3 px radius, its colour against the ground (red, blue). */
    private static Gray[] blob(int cx, int cy, float red, float blue) {
        Gray r = new Gray(SIDE, SIDE);
        Gray b = new Gray(SIDE, SIDE);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double fall = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 8.0);
                r.data()[y * SIDE + x] = (float) (red * fall);
                b.data()[y * SIDE + x] = (float) (blue * fall);
            }
        }
        return new Gray[] {r, b};
    }

    private static Gray[] noise(long seed) {
        Random random = new Random(seed);
        Gray[] out = {new Gray(SIDE, SIDE), new Gray(SIDE, SIDE)};
        for (Gray g : out) {
            for (int i = 0; i < g.data().length; i++) {
                g.data()[i] = (float) random.nextGaussian();
            }
        }
        return out;
    }

    private static boolean[] everywhere() {
        boolean[] inside = new boolean[SIDE * SIDE];
        Arrays.fill(inside, true);
        return inside;
    }
}
