package dev.custody.seals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.seals.synth.BenchmarkGenerator;
import dev.custody.seals.synth.BenchmarkPair;
import dev.custody.seals.synth.PairKind;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Single comparisons: the contract's shape, repeatability, and photos that must never be intact. */
class SealComparatorTest {
    private static final BenchmarkGenerator GENERATOR = new BenchmarkGenerator(99, 800, 600);

    private static Comparison compare(BenchmarkPair pair, BufferedImage photo) {
        return SealComparator.compare(pair.reference(), Optional.of(pair.referenceRoi()), photo);
    }

    @Test
    void aGenuinePhotoIsIntactWithEvidenceAndStages() {
        BenchmarkPair pair = GENERATOR.genuine(1);
        Comparison c = compare(pair, pair.photo());
        assertThat(c.verdict()).isEqualTo(Verdict.INTACT);
        assertThat(c.score()).isBetween(0.0, 1.0);
        assertThat(c.regions()).isEmpty();
        assertThat(c.alignment().inliers()).isGreaterThanOrEqualTo(15);
        BufferedImage aligned = c.evidence().alignedReference();
        assertThat(aligned.getWidth()).isEqualTo(c.evidence().photo().getWidth()).isEqualTo(c.evidence().heatmap().getWidth());
        assertThat(aligned.getHeight()).isEqualTo(c.evidence().photo().getHeight()).isEqualTo(c.evidence().heatmap().getHeight());
        assertThat(c.stages()).extracting(StageTime::stage).contains("features", "alignment", "refinement", "comparison");
        assertThat(c.reasons()).isNotEmpty();
    }

    @Test
    void theSamePairAlwaysGivesTheSameAnswer() {
        BenchmarkPair pair = GENERATOR.tampered(0);
        Comparison first = compare(pair, pair.photo());
        Comparison second = compare(pair, pair.photo());
        assertThat(second.score()).isEqualTo(first.score());
        assertThat(second.regions()).isEqualTo(first.regions());
        assertThat(second.alignment()).isEqualTo(first.alignment());
    }

    @Test
    void removedFlakesAreTamperedWithRegionsAndFlakesInThePhoto() {
        BenchmarkPair pair = GENERATOR.pair(3, PairKind.PARTICLES_REMOVED);
        Comparison c = compare(pair, pair.photo());
        assertThat(c.verdict()).isEqualTo(Verdict.TAMPERED);
        assertThat(c.regions()).isNotEmpty().allMatch(r -> r.x() >= 0 && r.y() >= 0
                && r.x() + r.w() <= pair.photo().getWidth() + 1 && r.y() + r.h() <= pair.photo().getHeight() + 1);
        assertThat(c.particles()).isNotEmpty();
        assertThat(c.reasons().getFirst()).contains("differ");
    }

    @Test
    void unrelatedPhotosAreNeverIntact() {
        BenchmarkPair pair = GENERATOR.genuine(2);
        for (BufferedImage unrelated : java.util.List.of(noise(800, 600, 5), gradient(800, 600), cloudy(800, 600, 6))) {
            Comparison c = compare(pair, unrelated);
            assertThat(c.verdict()).isNotEqualTo(Verdict.INTACT);
        }
    }

    @Test
    void aDarkPhotoCannotBeVerified() {
        BenchmarkPair pair = GENERATOR.genuine(4);
        BufferedImage dark = scaled(pair.photo(), 0.06);
        Comparison c = compare(pair, dark);
        assertThat(c.verdict()).isEqualTo(Verdict.CANNOT_VERIFY);
        assertThat(String.join(" ", c.reasons())).contains("dark");
    }

    @Test
    void aBadlyBlurredPhotoCannotBeVerified() {
        BenchmarkPair pair = GENERATOR.genuine(5);
        Comparison c = compare(pair, boxBlur(pair.photo(), 6));
        assertThat(c.verdict()).isEqualTo(Verdict.CANNOT_VERIFY);
    }

    /**
     * Seed 7, genuine pair 46: a noisy (σ 5), JPEG-75, dim and tilted later photo whose faint flakes
     * gave a weak false "tampered" (score 0.31) before the clarity check. Weak evidence in a photo
     * that shows the glitter far less clearly than the reference must ask for a new photo.
     */
    @Test
    void weakEvidenceInAFaintPhotoAsksForANewPhotoRatherThanCallingItTampered() {
        BenchmarkPair pair = new BenchmarkGenerator(7, 800, 600).genuine(46);
        Comparison c = compare(pair, pair.photo());
        assertThat(c.verdict()).isEqualTo(Verdict.CANNOT_VERIFY);
        assertThat(String.join(" ", c.reasons())).contains("too faint or blurred", "take the photo again");
    }

    /**
     * Seed 7, moved flakes 79: its photo shows the glitter less than half as clearly as the
     * reference, but the changed patch is unmistakable (score 0.06), so it stays tampered.
     */
    @Test
    void aClearChangeInAFaintPhotoIsStillTampered() {
        BenchmarkPair pair = new BenchmarkGenerator(7, 800, 600).pair(79, PairKind.PARTICLES_MOVED);
        Comparison c = compare(pair, pair.photo());
        assertThat(c.verdict()).isEqualTo(Verdict.TAMPERED);
        assertThat(c.regions()).isNotEmpty();
    }

    @Test
    void aRegionOutsideTheReferenceIsABadInput() {
        BenchmarkPair pair = GENERATOR.genuine(1);
        assertThatThrownBy(() -> SealComparator.compare(pair.reference(), Optional.of(new Region(5000, 5000, 10, 10)), pair.photo()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    static BufferedImage noise(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / w + y * 255 / h) / 2;
                image.setRGB(x, y, v << 16 | v << 8 | (255 - v));
            }
        }
        return image;
    }

    /** Smooth clouds with fine speckle: natural-looking texture that is not a seal. */
    static BufferedImage cloudy(int w, int h, long seed) {
        Random random = new Random(seed);
        float[][] coarse = new float[h / 40 + 2][w / 40 + 2];
        for (float[] row : coarse) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat();
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float fx = x / 40f;
                float fy = y / 40f;
                int ix = (int) fx;
                int iy = (int) fy;
                float a = coarse[iy][ix] + (coarse[iy][ix + 1] - coarse[iy][ix]) * (fx - ix);
                float b = coarse[iy + 1][ix] + (coarse[iy + 1][ix + 1] - coarse[iy + 1][ix]) * (fx - ix);
                int v = Math.max(0, Math.min(255, (int) (200 * (a + (b - a) * (fy - iy)) + 30 * random.nextGaussian())));
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return image;
    }

    static BufferedImage scaled(BufferedImage in, double gain) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                int p = in.getRGB(x, y);
                int r = (int) (((p >> 16) & 0xFF) * gain);
                int g = (int) (((p >> 8) & 0xFF) * gain);
                int b = (int) ((p & 0xFF) * gain);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    static BufferedImage boxBlur(BufferedImage in, int r) {
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sr = 0, sg = 0, sb = 0, n = 0;
                for (int dy = -r; dy <= r; dy += 2) {
                    for (int dx = -r; dx <= r; dx += 2) {
                        int p = in.getRGB(Math.max(0, Math.min(w - 1, x + dx)), Math.max(0, Math.min(h - 1, y + dy)));
                        sr += (p >> 16) & 0xFF;
                        sg += (p >> 8) & 0xFF;
                        sb += p & 0xFF;
                        n++;
                    }
                }
                out.setRGB(x, y, (sr / n) << 16 | (sg / n) << 8 | (sb / n));
            }
        }
        return out;
    }
}
