package dev.custody.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photos of a drawn glitter seal for recording the seal comparison's start-up cache: a reference,
 * the same seal from a little to the side, and that view with a patch of flakes gone. Drawn here,
 * not shipped, so the cache is trained wherever a build or a package is made. Larger than the
 * comparison's working size, so the reduced reading of a phone photo is what gets trained.
 */
record SealTrainingPhotos(Path reference, Path moved, Path tampered) {
    private static final int WIDTH = 1800;
    private static final int HEIGHT = 1350;
    private static final int FLAKES = 2500;

    static SealTrainingPhotos in(Path dir) {
        return new SealTrainingPhotos(dir.resolve("seal-reference.jpg"), dir.resolve("seal-moved.jpg"),
                dir.resolve("seal-tampered.jpg"));
    }

    void write() throws IOException {
        float[][] flakes = flakes(new Random(20261207));
        ImageIO.write(draw(flakes, 0, 0, false), "jpeg", reference.toFile());
        ImageIO.write(draw(flakes, 31, -22, false), "jpeg", moved.toFile());
        ImageIO.write(draw(flakes, 31, -22, true), "jpeg", tampered.toFile());
    }

    /** x, y, radius and brightness of each flake, inside a disc of polish. */
    private static float[][] flakes(Random random) {
        float[][] flakes = new float[FLAKES][];
        for (int i = 0; i < FLAKES; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double r = 380 * Math.sqrt(random.nextDouble());
            flakes[i] = new float[] {(float) (WIDTH / 2.0 + r * Math.cos(angle)), (float) (HEIGHT / 2.0 + r * Math.sin(angle)),
                1.2f + 2.5f * random.nextFloat(), 60 + 190 * random.nextFloat()};
        }
        return flakes;
    }

    private static BufferedImage draw(float[][] flakes, int dx, int dy, boolean patchGone) {
        float[] grey = new float[WIDTH * HEIGHT];
        Arrays.fill(grey, 70);
        for (float[] f : flakes) {
            float x = f[0] + dx;
            float y = f[1] + dy;
            boolean inPatch = Math.hypot(f[0] - (WIDTH / 2.0 + 150), f[1] - (HEIGHT / 2.0 - 100)) < 90;
            if (patchGone && inPatch) {
                continue;
            }
            int reach = (int) Math.ceil(2 * f[2]);
            for (int yy = Math.max(0, (int) y - reach); yy <= Math.min(HEIGHT - 1, (int) y + reach); yy++) {
                for (int xx = Math.max(0, (int) x - reach); xx <= Math.min(WIDTH - 1, (int) x + reach); xx++) {
                    double d2 = (xx - x) * (xx - x) + (yy - y) * (yy - y);
                    grey[yy * WIDTH + xx] += (float) (f[3] * Math.exp(-d2 / (2 * f[2] * f[2])));
                }
            }
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
            int v = Math.min(255, Math.round(grey[i]));
            image.setRGB(i % WIDTH, i / WIDTH, v << 16 | v << 8 | Math.min(255, v + 12));
        }
        return image;
    }
}
