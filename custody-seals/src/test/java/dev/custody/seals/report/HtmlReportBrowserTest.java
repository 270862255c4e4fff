package dev.custody.seals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report in a real browser: the blink toggle and the cross-fade slider change what is shown. */
class HtmlReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void blinkToggleAndSliderSwitchBetweenReferenceAndPhoto() throws Exception {
        assumeTrue(Chromium.installed(), "chromium is needed (bin/common.sh installs it)");
        Path report = dir.resolve("report.html");
        HtmlReport.write(report, HandBuilt.tampered(List.of("3 glitter particles moved")),
                new HtmlReport.Subject("ref.jpg", "new.jpg", HandBuilt.newPhoto(), Instant.parse("2026-11-25T10:00:00Z")));

        try (Chromium chromium = Chromium.start(1200, 1800)) {
            chromium.open(report);
            assertThat(chromium.evaluate("document.querySelectorAll('#changes-stage rect.region').length").asInt())
                    .isEqualTo(1);
            assertThat(chromium.evaluate("document.querySelectorAll('#changes-stage circle.particle').length").asInt())
                    .isEqualTo(2);
            double[] stage = chromium.box("#blink-stage");
            assertThat(stage[2]).as("the small evidence window is shown enlarged").isEqualTo(720);
            assertThat(stage[1] + stage[3]).as("blink view inside the viewport").isLessThan(1800);
            int x = (int) (stage[0] + stage[2] / 2);
            int y = (int) (stage[1] + stage[3] / 2);

            Color before = pixel(chromium.screenshot(), x, y);
            assertThat(before).satisfies(c -> assertRedish(c));

            double[] toggle = chromium.box("#blink-toggle");
            chromium.click(toggle[0] + toggle[2] / 2, toggle[1] + toggle[3] / 2);
            Color afterClick = pixel(chromium.screenshot(), x, y);
            assertThat(afterClick).satisfies(c -> assertBlueish(c));
            assertThat(chromium.evaluate("document.getElementById('blink-toggle').textContent").asText())
                    .isEqualTo("Show reference");

            chromium.click(toggle[0] + toggle[2] / 2, toggle[1] + toggle[3] / 2);
            assertThat(pixel(chromium.screenshot(), x, y)).satisfies(c -> assertRedish(c));

            double[] slider = chromium.box("#blink-fade");
            chromium.click(slider[0] + slider[2] / 2, slider[1] + slider[3] / 2);
            Color halfway = pixel(chromium.screenshot(), x, y);
            assertThat(halfway.getRed()).as("cross-faded red %s", halfway).isBetween(80, 160);
            assertThat(halfway.getBlue()).as("cross-faded blue %s", halfway).isBetween(80, 160);
            assertThat(chromium.evaluate("document.getElementById('blink-showing').textContent").asText())
                    .contains("% new photo");
        }
    }

    @Test
    void changedRegionIsOutlinedWhereItIsOnTheNewPhoto() throws Exception {
        assumeTrue(Chromium.installed(), "chromium is needed (bin/common.sh installs it)");
        Path report = dir.resolve("report.html");
        HtmlReport.write(report, HandBuilt.tampered(List.of()),
                new HtmlReport.Subject("ref.jpg", "new.jpg", HandBuilt.newPhoto(), Instant.parse("2026-11-25T10:00:00Z")));
        try (Chromium chromium = Chromium.start(1200, 2400)) {
            chromium.open(report);
            double[] photo = chromium.box("#changes-photo");
            assertThat(photo[2]).isEqualTo(800);
            assertThat(photo[1] + photo[3]).as("changes view inside the viewport").isLessThan(2400);
            // Region (10,10,60,40) of the 800x600 photo, shown at its natural size.
            double[] rect = chromium.box("#changes-stage rect.region");
            assertThat(rect[0] - photo[0]).isCloseTo(10, org.assertj.core.data.Offset.offset(2.5));
            assertThat(rect[1] - photo[1]).isCloseTo(10, org.assertj.core.data.Offset.offset(2.5));
            assertThat(rect[2]).isCloseTo(60, org.assertj.core.data.Offset.offset(4.0));
            int edgeX = (int) Math.round(photo[0] + 10);
            int edgeY = (int) Math.round(photo[1] + 30);
            Color outline = pixel(chromium.screenshot(), edgeX, edgeY);
            assertThat(outline.getRed()).as("outline %s", outline).isGreaterThan(200);
            assertThat(outline.getGreen()).as("outline %s", outline).isGreaterThan(180);
            assertThat(outline.getBlue()).as("outline %s", outline).isLessThan(120);

            double[] toggle = chromium.box("#outlines");
            chromium.click(toggle[0] + toggle[2] / 2, toggle[1] + toggle[3] / 2);
            assertThat(pixel(chromium.screenshot(), edgeX, edgeY)).satisfies(c -> assertBlueish(c));
        }
    }

    @Test
    void reportOfAnEarlyStopExplainsWhyThereIsNoBlinkView() throws Exception {
        assumeTrue(Chromium.installed(), "chromium is needed (bin/common.sh installs it)");
        Path report = dir.resolve("early.html");
        HtmlReport.write(report, HandBuilt.stoppedEarly(),
                new HtmlReport.Subject("ref.jpg", "new.jpg", HandBuilt.newPhoto(), Instant.parse("2026-11-25T10:00:00Z")));
        try (Chromium chromium = Chromium.start(1000, 800)) {
            chromium.open(report);
            assertThat(chromium.evaluate("document.getElementById('verdict').dataset.verdict").asText())
                    .isEqualTo("cannot-verify");
            assertThat(chromium.evaluate("document.body.innerText").asText())
                    .contains("No blink view").contains("photo is too blurred");
            assertThat(chromium.evaluate("document.images.length").asInt()).isZero();
        }
    }

    private static Color pixel(BufferedImage screenshot, int x, int y) {
        return new Color(screenshot.getRGB(x, y));
    }

    private static void assertRedish(Color c) {
        assertThat(c.getRed()).as("red of %s", c).isGreaterThan(180);
        assertThat(c.getBlue()).as("blue of %s", c).isLessThan(60);
    }

    private static void assertBlueish(Color c) {
        assertThat(c.getBlue()).as("blue of %s", c).isGreaterThan(180);
        assertThat(c.getRed()).as("red of %s", c).isLessThan(60);
    }
}
