package dev.custody.seals.synth;

import dev.custody.seals.Comparison;
import dev.custody.seals.Region;
import dev.custody.seals.SealComparator;
import dev.custody.seals.StageTime;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;

/**
 * Times one comparison of two photo files, decoding both in parallel, and prints the stages as
 * one JSON line. For benchmarks (bench/seals-compare.sh); users run {@code custody seals compare}.
 * {@code java -cp custody.jar dev.custody.seals.synth.TimeComparison REF.jpg NEW.jpg [x,y,w,h]}
 */
public final class TimeComparison {
    private TimeComparison() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        CompletableFuture<BufferedImage> reference = CompletableFuture.supplyAsync(() -> read(args[0]));
        BufferedImage photo = read(args[1]);
        BufferedImage referenceImage = reference.join();
        long decoded = System.nanoTime();
        Optional<Region> roi = args.length > 2 ? Optional.of(Region.parse(args[2])) : Optional.empty();
        Comparison c = SealComparator.compare(referenceImage, roi, photo);
        long done = System.nanoTime();
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"verdict\":\"%s\",\"score\":%.3f,\"stagesMs\":{\"decode\":%d", c.verdict().word(), c.score(),
                (decoded - start) / 1_000_000));
        for (StageTime stage : c.stages()) {
            json.append(",\"").append(stage.stage()).append("\":").append(stage.took().toMillis());
        }
        json.append("},\"inProcessMs\":").append((done - start) / 1_000_000).append(",\"reason\":\"")
                .append(c.reasons().getFirst().replace("\"", "'")).append("\"}");
        System.out.println(json);
    }

    private static BufferedImage read(String file) {
        try {
            BufferedImage image = ImageIO.read(new File(file));
            if (image == null) {
                throw new IllegalArgumentException(file + " is not an image ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
