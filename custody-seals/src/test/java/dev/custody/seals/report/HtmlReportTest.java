package dev.custody.seals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.seals.Comparison;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void everyStringIsEscapedAndNothingIsFetchedFromTheNetwork() {
        String hostile = "<script>alert('x')</script> & \"quoted\"";
        String html = HtmlReport.render(HandBuilt.tampered(List.of(hostile)),
                new HtmlReport.Subject("<img src=x onerror=alert(1)>.jpg", "new.jpg", HandBuilt.newPhoto(), Instant.EPOCH));

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
                .contains("&lt;img src=x onerror=alert(1)&gt;.jpg");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//")
                .contains("default-src 'none'")
                .containsPattern("src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"");
    }

    @Test
    void reportHasScoreAlignmentAndStageTimes() {
        String html = HtmlReport.render(HandBuilt.tampered(List.of("changed")), new HtmlReport.Subject("a", "b", HandBuilt.newPhoto(), Instant.EPOCH));
        assertThat(html).contains("data-verdict=\"tampered\"").contains(">0.420<")
                .contains("Green where the new photo matches the reference").doesNotContain("Bright means")
                .contains("87 matched glitter features, residual 0.8 px")
                .contains("<th>Time: features</th><td>120 ms</td>")
                .contains("<th>Particles missing</th><td>1</td>");
    }

    @Test
    void heatmapIsWrittenAsPngOnlyWhenThereIsOne() throws Exception {
        Path out = dir.resolve("heat.png");
        assertThat(EvidenceImages.writeHeatmap(HandBuilt.tampered(List.of()), out)).isTrue();
        BufferedImage heat = ImageIO.read(out.toFile());
        assertThat(heat.getWidth()).isEqualTo(400);
        assertThat(heat.getRGB(5, 5) & 0xffffff).isEqualTo(HandBuilt.HEAT.getRGB() & 0xffffff);

        Comparison early = HandBuilt.stoppedEarly();
        assertThat(EvidenceImages.writeHeatmap(early, dir.resolve("none.png"))).isFalse();
        assertThat(dir.resolve("none.png")).doesNotExist();
    }

    @Test
    void largePhotosAreInlinedAsJpeg() {
        BufferedImage big = HandBuilt.solid(2000, 1500, HandBuilt.PHOTO);
        assertThat(EvidenceImages.dataUri(big, true)).startsWith("data:image/jpeg;base64,");
        assertThat(EvidenceImages.dataUri(big, false)).startsWith("data:image/png;base64,");
    }

    @Test
    void reportFileIsWrittenWithoutLeftovers() throws Exception {
        Path out = dir.resolve("r.html");
        HtmlReport.write(out, HandBuilt.tampered(List.of()), new HtmlReport.Subject("a", "b", HandBuilt.newPhoto(), Instant.EPOCH));
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(out);
        }
        assertThat(Files.getPosixFilePermissions(out)).contains(PosixFilePermission.OWNER_READ);
    }
}
