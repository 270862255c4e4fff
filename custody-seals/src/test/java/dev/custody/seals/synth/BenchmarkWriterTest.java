package dev.custody.seals.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.seals.Region;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesPairsWithGroundTruthAndAnIndex() throws Exception {
        BenchmarkWriter.write(dir, new BenchmarkGenerator(3, 320, 240), 1, 2);
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        assertThat(index.get("pairs")).hasSize(3);
        assertThat(index.get("pairs").get(0).get("kind").asText()).isEqualTo("genuine");
        assertThat(index.get("pairs").get(1).get("tampered").asBoolean()).isTrue();
        for (JsonNode pair : index.get("pairs")) {
            BufferedImage photo = ImageIO.read(dir.resolve(pair.get("photo").asText()).toFile());
            assertThat(photo.getWidth()).isEqualTo(320);
            assertThat(photo.getHeight()).isEqualTo(240);
            assertThat(Files.exists(dir.resolve(pair.get("reference").asText()))).isTrue();
            assertThat(ImageIO.read(dir.resolve(pair.get("changed").asText()).toFile()).getWidth()).isEqualTo(320);
            Region roi = Region.parse(pair.get("roi").asText());
            assertThat(roi.x() + roi.w()).isLessThanOrEqualTo(320);
        }
    }
}
