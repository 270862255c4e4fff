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
import org.junit.jupiter.api.Test;

/**
 * Issue 18, fail closed: a dome whose glitter is bright silver on one side and dull on the other.
 * The seal finder keeps the densest fine detail, so on its own it finds the bright side only (as on
 * three tampered domes of the tuning seed), and comparing only that part called this pair intact
 * (0.79); a change on the dull side must never be called intact.
 */
class PartlyFoundSealTest {
    private static final double R = SealDesign.DOME_RADIUS;

    @Test
    void aChangeWhereTheGlitterIsDullIsNeverIntact() {
        SealDesign seal = halfDull(SealDesign.random(SealShape.ROUND, 18));
        Shot reference = shot(0, 0.55, 11);
        Shot later = shot(0.4, 0.5, 12);
        List<Particle> kept = new ArrayList<>();
        for (Particle p : seal.particles()) {
            if (Math.hypot(p.x() - 0.7 * R, p.y()) > 0.2 * R) {
                kept.add(p);
            }
        }
        assertThat(seal.particles().size() - kept.size()).as("flakes removed").isGreaterThanOrEqualTo(8);
        SealDesign tampered = seal.withParticles(kept).withScratch(new Scratch(0.65 * R, -0.45 * R, 0.8 * R, 0.35 * R, 0.02 * R));
        BufferedImage referencePhoto = SealRenderer.photograph(seal, reference);

        Comparison c = SealComparator.compare(referencePhoto, Optional.empty(), SealRenderer.photograph(tampered, later));

        assertThat(c.verdict()).as(String.join(" ", c.reasons())).isNotEqualTo(Verdict.INTACT);
    }

    @Test
    void enrolmentAsksForTheWholeSealWhenItCannotBeDelimited() {
        BufferedImage referencePhoto = SealRenderer.photograph(halfDull(SealDesign.random(SealShape.ROUND, 18)), shot(0, 0.55, 11));

        assertThat(SealComparator.locate(referencePhoto)).isEqualTo(new SealSearch.NotFound(SealSearch.Why.GLITTER_BEYOND));
        assertThatThrownBy(() -> Enrolment.seal(Optional.empty(), new Photo("dome.jpg", new byte[0], PhotoFormat.PNG, referencePhoto), Path.of("dome.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dome.jpg").hasMessageContaining("mark the whole seal with --roi");
    }

    /** Flakes right of the centre line: as many, but grey and turned away from any light (no sparkle). */
    private static SealDesign halfDull(SealDesign seal) {
        List<Particle> out = new ArrayList<>();
        for (Particle p : seal.particles()) {
            out.add(p.x() < 0.1 * R ? p
                    : new Particle(p.x(), p.y(), p.radius(), p.angle(), p.sides(), 0.3f, 0.3f, 0.3f, 0.6, 0.6));
        }
        return seal.withParticles(out);
    }

    private static Shot shot(double rotation, double scale, long grain) {
        return new Shot(800, 600, 400, 300, scale, rotation, 0, 0, 0.1, 0.1, 1, 1, 1, 1, 0, 0, 0.05, 0.2, 0.5, 1.5, 92, grain);
    }
}
