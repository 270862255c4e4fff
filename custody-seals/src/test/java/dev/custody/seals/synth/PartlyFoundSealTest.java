package dev.custody.seals.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.seals.Comparison;
import dev.custody.seals.SealComparator;
import dev.custody.seals.SealSearch;
import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoFormat;
import dev.custody.seals.store.Enrolment;
import dev.custody.seals.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a dome whose glitter is bright silver on one side and dull on the other. The seal
 * finder keeps the densest fine detail, so on its own it finds the bright side only (as on three
 * tampered domes of the tuning seed), and comparing only that part called this pair intact (0.79).
 * The seal is grown over the dull glitter, and a change there is found; where the glitter has no
 * edge, the comparison fails closed and enrolment asks for the seal to be marked.
 */
class PartlyFoundSealTest {
    private static final double R = SealDesign.DOME_RADIUS;

    @Test
    void aChangeWhereTheGlitterIsDullIsFound() {
        SealDesign seal = dull(SealDesign.random(SealShape.ROUND, 18), p -> p.x() >= 0.1 * R);
        SealDesign tampered = seal.withParticles(outside(seal, 0.7 * R, 0))
                .withScratch(new Scratch(0.65 * R, -0.45 * R, 0.8 * R, 0.35 * R, 0.02 * R));

        Comparison c = SealComparator.compare(SealRenderer.photograph(seal, shot(0, 0.55, 11)), Optional.empty(),
                SealRenderer.photograph(tampered, shot(0.4, 0.5, 12)));

        assertThat(c.verdict()).as(String.join(" ", c.reasons())).isEqualTo(Verdict.TAMPERED);
    }

    /** Without a scratch beside it: a patch of dull flakes removed. */
    @Test
    void flakesRemovedWhereTheGlitterIsDullAreFound() {
        SealDesign seal = dull(SealDesign.random(SealShape.ROUND, 18), p -> p.x() >= 0.1 * R);

        Comparison c = SealComparator.compare(SealRenderer.photograph(seal, shot(0, 0.55, 11)), Optional.empty(),
                SealRenderer.photograph(seal.withParticles(outside(seal, 0.6 * R, 0.3 * R)), shot(0.4, 0.5, 12)));

        assertThat(c.verdict()).as(String.join(" ", c.reasons())).isEqualTo(Verdict.TAMPERED);
    }

    @Test
    void enrolmentFindsTheWholeSealWhereHalfOfItIsDull() {
        BufferedImage referencePhoto = SealRenderer.photograph(dull(SealDesign.random(SealShape.ROUND, 18), p -> p.x() >= 0.1 * R),
                shot(0, 0.55, 11));

        SealSearch found = SealComparator.locate(referencePhoto);

        // the dome is 440 pixels across, centred in the photo
        assertThat(found).isInstanceOfSatisfying(SealSearch.Found.class, f -> {
            assertThat(f.region().x()).isLessThan(400 - 200);
            assertThat(f.region().x() + f.region().w()).isGreaterThan(400 + 200);
        });
    }

    /**
     * Sparkling flakes in the middle of a photo of dull glitter that runs off every side: the seal
     * may grow over the dull glitter only so far, and it still continues, so its edge is not known.
     */
    @Test
    void enrolmentAsksForTheSealWhenItsGlitterHasNoEdge() {
        BufferedImage referencePhoto = glitterToTheEdges();

        assertThat(SealComparator.locate(referencePhoto)).isEqualTo(new SealSearch.NotFound(SealSearch.Why.GLITTER_BEYOND));
        assertThatThrownBy(() -> Enrolment.seal(Optional.empty(), new Photo("lid.jpg", new byte[0], PhotoFormat.PNG, referencePhoto), Path.of("lid.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lid.jpg").hasMessageContaining("mark the whole seal with --roi");
    }

    /** Flakes every 12 pixels over an 800×600 photo: bright within 80 pixels of its centre, faint elsewhere. */
    private static BufferedImage glitterToTheEdges() {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                int v = 60 + random.nextInt(5);
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        for (int y = 6; y < 594; y += 12) {
            for (int x = 6; x < 794; x += 12) {
                int fx = x + random.nextInt(5) - 2;
                int fy = y + random.nextInt(5) - 2;
                int v = Math.hypot(fx - 400, fy - 300) < 80 ? 240 : 110;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        image.setRGB(fx + dx, fy + dy, v << 16 | v << 8 | v);
                    }
                }
            }
        }
        return image;
    }

    /** The seal's flakes, less those within {@code 0.2 R} of (x, y). */
    private static List<Particle> outside(SealDesign seal, double x, double y) {
        List<Particle> kept = new ArrayList<>();
        for (Particle p : seal.particles()) {
            if (Math.hypot(p.x() - x, p.y() - y) > 0.2 * R) {
                kept.add(p);
            }
        }
        assertThat(seal.particles().size() - kept.size()).as("flakes removed").isGreaterThanOrEqualTo(8);
        return kept;
    }

    /** The chosen flakes as many, but grey and turned away from any light (no sparkle). */
    private static SealDesign dull(SealDesign seal, Predicate<Particle> chosen) {
        List<Particle> out = new ArrayList<>();
        for (Particle p : seal.particles()) {
            out.add(!chosen.test(p) ? p
                    : new Particle(p.x(), p.y(), p.radius(), p.angle(), p.sides(), 0.3f, 0.3f, 0.3f, 0.6, 0.6));
        }
        return seal.withParticles(out);
    }

    private static Shot shot(double rotation, double scale, long grain) {
        return new Shot(800, 600, 400, 300, scale, rotation, 0, 0, 0.1, 0.1, 1, 1, 1, 1, 0, 0, 0.05, 0.2, 0.5, 1.5, 92, grain);
    }
}
