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
        BenchmarkPair pair = GENERATOR.pair(5, PairKind.GENUINE);
        Comparison c = compare(pair, boxBlur(pair.photo(), 6));
        // fail closed; the harder sparkle now makes this one read as tampered rather than blurred
        assertThat(c.verdict()).isNotEqualTo(Verdict.INTACT);
    }

    /** Issue 18: the seal is found in the reference; the rest of its frame need not be in the new photo. */
    @Test
    void withoutARegionTheSealIsFoundAndOnlyTheSealMustBeInThePhoto() {
        BenchmarkPair pair = GENERATOR.genuine(1);
        Region found = ((SealSearch.Found) SealComparator.locate(pair.reference())).region();
        Region marked = pair.referenceRoi();
        assertThat(overlap(found, marked)).as("found %s, marked %s", found, marked).isGreaterThan(0.7);
        Comparison whole = SealComparator.compare(pair.reference(), Optional.empty(), pair.photo());
        assertThat(whole.verdict()).as(String.join(" ", whole.reasons())).isEqualTo(Verdict.INTACT);
        Region seal = whole.evidence().seal();
        BufferedImage photo = pair.photo();
        // framed differently: everything beyond a margin around the seal cut off
        int x0 = Math.max(0, seal.x() - 20);
        int y0 = Math.max(0, seal.y() - 20);
        BufferedImage reframed = photo.getSubimage(x0, y0, Math.min(photo.getWidth(), seal.x() + seal.w() + 20) - x0,
                Math.min(photo.getHeight(), seal.y() + seal.h() + 20) - y0);
        Comparison tight = SealComparator.compare(pair.reference(), Optional.empty(), reframed);
        assertThat(tight.verdict()).as(String.join(" ", tight.reasons())).isEqualTo(Verdict.INTACT);
        BufferedImage half = photo.getSubimage(0, 0, seal.x() + seal.w() / 2, photo.getHeight());
        Comparison cut = SealComparator.compare(pair.reference(), Optional.empty(), half);
        assertThat(cut.verdict()).isEqualTo(Verdict.CANNOT_VERIFY);
        assertThat(String.join(" ", cut.reasons())).containsAnyOf("of the seal is in the new photo", "features of the seal");
    }

    @Test
    void aReferenceWithoutGlitterCannotBeVerifiedWithoutARegion() {
        Comparison c = SealComparator.compare(gradient(800, 600), Optional.empty(), GENERATOR.genuine(1).photo());
        assertThat(c.verdict()).isEqualTo(Verdict.CANNOT_VERIFY);
        assertThat(c.reasons().getFirst()).contains("--roi");
    }

    private static double overlap(Region a, Region b) {
        int w = Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x());
        int h = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y());
        double common = Math.max(0, w) * (double) Math.max(0, h);
        return common / ((double) a.w() * a.h() + (double) b.w() * b.h() - common);
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
