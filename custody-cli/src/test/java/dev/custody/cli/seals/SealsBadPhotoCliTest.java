package dev.custody.cli.seals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every unusable photo gives one line naming the file and what to do, exit 1, no stack trace. */
class SealsBadPhotoCliTest {
    @TempDir
    Path dir;

    @Test
    void badPhotosGiveOneLineAndExitOne() throws Exception {
        byte[] jpeg = encode("jpeg");
        byte[] png = encode("png");
        byte[] corruptJpeg = jpeg.clone();
        Arrays.fill(corruptJpeg, 30, corruptJpeg.length, (byte) 0x33);
        Path good = write("good.png", png);
        expectOneLine(write("corrupt.jpg", corruptJpeg), "is a damaged JPEG file");
        expectOneLine(write("truncated.png", Arrays.copyOf(png, png.length / 3)), "is a damaged PNG file");
        expectOneLine(write("empty.jpg", new byte[0]), "is empty; take the photo again");
        expectOneLine(write("seal.txt", "glitter\n".getBytes(StandardCharsets.UTF_8)), "is a text file, not a JPEG or PNG");
        expectOneLine(write("seal.webp", "RIFF\0\0\0\0WEBPVP8L".getBytes(StandardCharsets.ISO_8859_1)), "is a WebP image");
        expectOneLine(dir.resolve("missing.jpg"), "no such photo");

        // The same through check and enroll, which read the photo before anything else.
        CliRun check = CliRun.of("seals", "check", "--name", "seal", "--store", dir.resolve("store").toString(),
                write("bad.jpg", corruptJpeg).toString());
        assertOneLine(check, "bad.jpg is a damaged JPEG file");
        CliRun enroll = CliRun.of("seals", "enroll", "--name", "seal", "--store", dir.resolve("store").toString(),
                "--key", dir.resolve("no-key.asc").toString(), dir.resolve("empty.jpg").toString());
        assertOneLine(enroll, "empty.jpg is empty");
        assertThat(good).exists();
    }

    @Test
    void badRoiIsExplained() throws Exception {
        Path photo = write("a.png", encode("png"));
        CliRun run = CliRun.of("seals", "compare", "--roi", "1,2,3", photo.toString(), photo.toString());
        assertOneLine(run, "is not a region; write x,y,w,h in pixels");
        run = CliRun.of("seals", "compare", "--roi", "100,100,500,500", photo.toString(), photo.toString());
        assertOneLine(run, "does not fit in");
    }

    private void expectOneLine(Path bad, String message) throws Exception {
        Path good = dir.resolve("good.png");
        assertOneLine(CliRun.of("seals", "compare", bad.toString(), good.toString()), message);
        assertOneLine(CliRun.of("seals", "compare", good.toString(), bad.toString()), message);
    }

    private static void assertOneLine(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("custody: ").contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] encode(String format) throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
