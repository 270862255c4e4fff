package dev.custody.seals.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrayOpsTest {
    /** A colour JPEG decodes to BGR bytes, which are read as they are: its luma and colour must not change with that. */
    @Test
    void theSamePixelsGiveTheSamePlanesWhateverTheirLayout() {
        BufferedImage packed = noise(37, 23, BufferedImage.TYPE_INT_RGB);
        BufferedImage bytes = new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage other = new BufferedImage(37, 23, BufferedImage.TYPE_INT_BGR);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                bytes.setRGB(x, y, packed.getRGB(x, y));
                other.setRGB(x, y, packed.getRGB(x, y));
            }
        }

        for (int factor : new int[] {1, 3}) {
            assertSame(GrayOps.luma(bytes, factor), GrayOps.luma(packed, factor));
            assertSame(GrayOps.luma(other, factor), GrayOps.luma(packed, factor));
            Gray[] fromPacked = GrayOps.logChroma(packed, factor);
            Gray[] fromBytes = GrayOps.logChroma(bytes, factor);
            assertThat(fromBytes[0].data()).isEqualTo(fromPacked[0].data());
            assertThat(fromBytes[1].data()).isEqualTo(fromPacked[1].data());
        }
        int p = packed.getRGB(5, 7);
        float expected = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
        assertThat(GrayOps.luma(bytes, 1).data()[7 * 37 + 5]).isCloseTo(expected, within(1e-4f));
    }

    /** Equal but for the last bit of rounding: the sum's order follows the layout's. */
    private static void assertSame(Gray actual, Gray expected) {
        assertThat(actual.width()).isEqualTo(expected.width());
        for (int i = 0; i < expected.data().length; i++) {
            assertThat(actual.data()[i]).isCloseTo(expected.data()[i], within(1e-4f));
        }
    }

    /** Rows shorter than the kernel and longer ones: a flat image stays flat, and a step is blurred symmetrically. */
    @Test
    void blurKeepsTheMeanAndClampsAtEveryEdge() {
        for (int width : new int[] {1, 4, 9, 60}) {
            Gray flat = new Gray(width, 5, filled(width * 5, 40f));
            float[] blurred = GrayOps.blur(flat, 2.0).data();
            for (float v : blurred) {
                assertThat(v).isCloseTo(40f, within(1e-3f));
            }
        }
        float[] step = new float[60 * 3];
        for (int i = 0; i < step.length; i++) {
            step[i] = i % 60 < 30 ? 0 : 100;
        }
        float[] blurred = GrayOps.blur(new Gray(60, 3, step), 2.0).data();
        assertThat(blurred[60 + 29] + blurred[60 + 30]).isCloseTo(100f, within(1e-2f));
        assertThat(blurred[60]).isCloseTo(0f, within(1e-4f));
        assertThat(blurred[60 + 59]).isCloseTo(100f, within(1e-3f));
        assertThat(blurred[60 + 27]).isBetween(1f, 30f);
    }

    /** Against the definition, for radii from none to wider than the image, NaN and signed zeros included. */
    @Test
    void maxFilterIsTheLargestValueInEachWindow() {
        Random random = new Random(11);
        for (int trial = 0; trial < 400; trial++) {
            int w = 1 + random.nextInt(30);
            int h = 1 + random.nextInt(30);
            int r = random.nextInt(20);
            float[] v = new float[w * h];
            for (int i = 0; i < v.length; i++) {
                int pick = random.nextInt(30);
                v[i] = pick == 0 ? Float.NaN : pick == 1 ? -0f : pick == 2 ? 0f : random.nextFloat() * 100 - 50;
            }
            float[] fast = GrayOps.maxFilter(new Gray(w, h, v), r).data();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float m = -Float.MAX_VALUE;
                    for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                            m = Math.max(m, v[yy * w + xx]);
                        }
                    }
                    assertThat(Float.floatToRawIntBits(fast[y * w + x])).as("%dx%d r %d at %d,%d", w, h, r, x, y)
                            .isEqualTo(Float.floatToRawIntBits(m));
                }
            }
        }
    }

    private static BufferedImage noise(int w, int h, int type) {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
