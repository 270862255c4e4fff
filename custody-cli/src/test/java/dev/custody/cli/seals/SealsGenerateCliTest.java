package dev.custody.cli.seals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import dev.custody.seals.Region;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealsGenerateCliTest {
    @TempDir
    Path dir;

    @Test
    void writesPairsWithGroundTruthAndAnIndex() throws Exception {
        CliRun run = CliRun.of("seals", "generate", "--out", dir.toString(), "--seed", "3", "--genuine", "1",
                "--tampered", "2", "--size", "320x240");
        assertThat(run.exitCode()).as(run.err()).isZero();
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

    @Test
    void refusesAMalformedSize() {
        CliRun run = CliRun.of("seals", "generate", "--out", dir.toString(), "--size", "big");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("WIDTHxHEIGHT");
    }
}
