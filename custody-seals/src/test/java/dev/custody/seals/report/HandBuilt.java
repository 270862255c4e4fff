package dev.custody.seals.report;

import dev.custody.seals.Alignment;
import dev.custody.seals.Comparison;
import dev.custody.seals.ParticleChange;
import dev.custody.seals.Region;
import dev.custody.seals.StageTime;
import dev.custody.seals.Verdict;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;

/** Comparisons built by hand, so report tests do not depend on the comparison engine. */
final class HandBuilt {
    static final Color REFERENCE = new Color(210, 30, 30);
    static final Color PHOTO = new Color(30, 30, 210);
    static final Color HEAT = new Color(250, 250, 20);

    private HandBuilt() {}

    static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A red reference and a blue photo: a screenshot's colour tells which one is shown. */
    static Comparison tampered(List<String> reasons) {
        return new Comparison(Verdict.TAMPERED, 0.42, List.of(new Region(10, 10, 60, 40)), new Alignment(87, 0.8),
                reasons, List.of(new ParticleChange(ParticleChange.Kind.MISSING, 300, 200),
                        new ParticleChange(ParticleChange.Kind.ADDED, 320, 40)),
                new Comparison.Evidence(solid(400, 300, REFERENCE), solid(400, 300, PHOTO), solid(400, 300, HEAT),
                        new Region(100, 50, 500, 450)),
                List.of(new StageTime("features", Duration.ofMillis(120)), new StageTime("alignment", Duration.ofMillis(35))));
    }

    /** The new photo as taken: larger than the evidence window, as real photos are. */
    static BufferedImage newPhoto() {
        return solid(800, 600, PHOTO);
    }

    static Comparison stoppedEarly() {
        return new Comparison(Verdict.CANNOT_VERIFY, 0, List.of(), null, List.of("photo is too blurred"), List.of(),
                new Comparison.Evidence(null, null, null, null), List.of());
    }
}
