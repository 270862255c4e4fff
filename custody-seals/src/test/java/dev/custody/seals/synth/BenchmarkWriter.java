package dev.custody.seals.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.AtomicFiles;
import dev.custody.seals.Region;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes benchmark pairs to a folder: for each pair NAME-reference.jpg, NAME-photo.jpg and
 * NAME-changed.png (white where the seal was changed), and index.json listing them with their kind
 * and the reference's region of interest.
 * {@code java -cp BENCH-CLASSPATH dev.custody.seals.synth.BenchmarkWriter OUT SEED GENUINE TAMPERED [WIDTH HEIGHT]}
 */
public final class BenchmarkWriter {
    private static final int JPEG_QUALITY = 95;

    private BenchmarkWriter() {}

    public static void main(String[] args) {
        if (args.length != 4 && args.length != 6) {
            System.err.println("usage: BenchmarkWriter OUT SEED GENUINE TAMPERED [WIDTH HEIGHT]");
            System.exit(2);
        }
        int width = args.length > 4 ? Integer.parseInt(args[4]) : SealBenchmark.WIDTH;
        int height = args.length > 4 ? Integer.parseInt(args[5]) : SealBenchmark.HEIGHT;
        write(Path.of(args[0]), new BenchmarkGenerator(Long.parseLong(args[1]), width, height),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    /** @return the index written to {@code folder}/index.json */
    public static ObjectNode write(Path folder, BenchmarkGenerator generator, int genuine, int tampered) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = json.createObjectNode();
        index.put("seed", generator.seed());
        index.put("width", generator.width());
        index.put("height", generator.height());
        ArrayNode pairs = index.putArray("pairs");
        for (int i = 0; i < genuine; i++) {
            pairs.add(write(folder, generator.genuine(i), json));
        }
        for (int i = 0; i < tampered; i++) {
            pairs.add(write(folder, generator.tampered(i), json));
        }
        try {
            AtomicFiles.writeString(folder.resolve("index.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    private static ObjectNode write(Path folder, BenchmarkPair pair, ObjectMapper json) {
        String name = String.format("%s-%04d", pair.kind().word(), pair.index());
        AtomicFiles.write(folder.resolve(name + "-reference.jpg"), Degradation.encodeJpeg(pair.reference(), JPEG_QUALITY));
        AtomicFiles.write(folder.resolve(name + "-photo.jpg"), Degradation.encodeJpeg(pair.photo(), JPEG_QUALITY));
        AtomicFiles.write(folder.resolve(name + "-changed.png"), png(pair.changed()));
        ObjectNode entry = json.createObjectNode();
        entry.put("name", name);
        entry.put("kind", pair.kind().word());
        entry.put("tampered", pair.tampered());
        entry.put("reference", name + "-reference.jpg");
        entry.put("photo", name + "-photo.jpg");
        entry.put("changed", name + "-changed.png");
        Region roi = pair.referenceRoi();
        entry.put("roi", roi.x() + "," + roi.y() + "," + roi.w() + "," + roi.h());
        return entry;
    }

    private static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
