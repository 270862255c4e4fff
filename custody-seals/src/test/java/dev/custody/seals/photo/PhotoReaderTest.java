package dev.custody.seals.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsJpegAndPngAsRgb() throws IOException {
        for (String format : new String[] {"jpeg", "png"}) {
            Path file = dir.resolve("photo." + format);
            Files.write(file, encode(marked(200, 100), format));
            Photo photo = PhotoReader.read(file);
            assertThat(photo.format().name()).isEqualTo(format.toUpperCase());
            assertThat(photo.image().getWidth()).isEqualTo(200);
            assertThat(photo.image().getType()).isIn(BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR);
            assertThat(new Color(photo.image().getRGB(5, 5)).getRed()).isGreaterThan(200);
            assertThat(photo.bytes()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void exifOrientationTurnsThePhotoUpright() throws IOException {
        byte[] jpeg = withExifOrientation(encode(marked(200, 100), "jpeg"), 6);
        Photo photo = PhotoReader.decode(jpeg, "phone.jpg");
        // Orientation 6: the stored image is turned 90 degrees clockwise for display.
        assertThat(photo.image().getWidth()).isEqualTo(100);
        assertThat(photo.image().getHeight()).isEqualTo(200);
        // The red mark at the stored top-left ends up at the top-right.
        assertThat(new Color(photo.image().getRGB(95, 5)).getRed()).isGreaterThan(200);
        assertThat(new Color(photo.image().getRGB(5, 5)).getRed()).isLessThan(100);
    }

    @Test
    void emptyTextAndOtherFormatsAreNamed() throws IOException {
        assertThatThrownBy(() -> read("empty.jpg", new byte[0])).hasMessageContaining("empty.jpg is empty");
        assertThatThrownBy(() -> read("notes.jpg", "my seal photo\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("notes.jpg is a text file, not a JPEG or PNG photo");
        byte[] heic = new byte[64];
        System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
        assertThatThrownBy(() -> read("IMG_0001.HEIC", heic)).hasMessageContaining("a HEIC/HEIF image")
                .hasMessageContaining("export it as JPEG");
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read("a.webp", webp)).hasMessageContaining("a WebP image");
        assertThatThrownBy(() -> read("a.tif", "II*\0\u0008\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("a TIFF");
        assertThatThrownBy(() -> read("a.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("a PDF document");
        assertThatThrownBy(() -> read("a.gif", encode(marked(100, 100), "gif"))).hasMessageContaining("a GIF image");
    }

    @Test
    void truncatedAndCorruptFilesAreDamaged() throws IOException {
        byte[] png = encode(marked(200, 100), "png");
        assertThatThrownBy(() -> read("cut.png", Arrays.copyOf(png, png.length / 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve("cut.png") + " is a damaged PNG file")
                .hasMessageContaining("copy the photo from the camera again");
        byte[] jpeg = encode(noisy(400, 300), "jpeg");
        assertThatThrownBy(() -> read("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)))
                .hasMessageContaining("cut.jpg is a damaged JPEG file");
        byte[] garbled = jpeg.clone();
        Arrays.fill(garbled, 20, garbled.length, (byte) 0x5a);
        assertThatThrownBy(() -> read("garbled.jpg", garbled)).hasMessageContaining("garbled.jpg is a damaged JPEG file");
    }

    @Test
    void absurdSizesAreRefusedBeforeDecoding() throws IOException {
        assertThatThrownBy(() -> read("tiny.png", encode(marked(20, 20), "png")))
                .hasMessageContaining("only 20x20 pixels");
        // A PNG header claiming 40000x40000 pixels: refused from the header, not by running out of memory.
        byte[] png = encode(marked(64, 64), "png");
        byte[] huge = png.clone();
        putInt(huge, 16, 40_000);
        putInt(huge, 20, 40_000);
        assertThatThrownBy(() -> read("huge.png", huge)).hasMessageContaining("more than the limit of 50 megapixels");
        assertThatThrownBy(() -> PhotoReader.read(dir)).hasMessageContaining("is a folder");
        Path video = dir.resolve("video.jpg");
        try (var file = new java.io.RandomAccessFile(video.toFile(), "rw")) {
            file.setLength(PhotoReader.MAX_FILE_BYTES + 1); // sparse: no 100 MiB written
        }
        assertThatThrownBy(() -> PhotoReader.read(video)).hasMessageContaining("too large for a photo");
        assertThatThrownBy(() -> PhotoReader.read(dir.resolve("absent.jpg"))).hasMessage("no such photo: " + dir.resolve("absent.jpg"));
    }

    /** Issue 12's decompression bomb (a small PNG declaring 10000x9999) and its JPEG and shape variants. */
    @Test
    void declaredDimensionsAreCheckedBeforeDecoding() throws IOException {
        assertThatThrownBy(() -> read("bomb.png", withPngSize(10_000, 9_999)))
                .hasMessage(dir.resolve("bomb.png") + " declares 10000x9999 pixels, more than the limit of 50 megapixels"
                        + " and 12000 pixels a side; take it at a lower resolution or scale it down");
        assertThatThrownBy(() -> read("bomb.jpg", withJpegSize(9_000, 8_000))).hasMessageContaining("declares 9000x8000 pixels");
        assertThatThrownBy(() -> read("long.png", withPngSize(12_001, 3_001))).hasMessageContaining("12000 pixels a side");
        assertThatThrownBy(() -> read("strip.png", withPngSize(4_001, 1_000))).hasMessageContaining("wider than 4:1");
        assertThatThrownBy(() -> read("tall.jpg", withJpegSize(100, 401))).hasMessageContaining("wider than 4:1");
        assertThat(PhotoReader.decode(encode(marked(400, 100), "png"), "four-to-one.png").image().getWidth()).isEqualTo(400);
    }

    private static byte[] withPngSize(int width, int height) throws IOException {
        byte[] png = encode(marked(64, 64), "png");
        putInt(png, 16, width);
        putInt(png, 20, height);
        return png;
    }

    /** A real JPEG whose start-of-frame claims another size. */
    private static byte[] withJpegSize(int width, int height) throws IOException {
        byte[] jpeg = encode(marked(64, 64), "jpeg");
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new AssertionError("no SOF0 in the test JPEG");
    }

    private Photo read(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return PhotoReader.read(file);
    }

    static BufferedImage marked(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, Math.min(20, width), Math.min(20, height));
        g.dispose();
        return image;
    }

    private static BufferedImage noisy(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment with one Orientation entry right after SOI, as phones write it. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        byte[] exif = new byte[2 + 2 + 6 + tiff.length];
        exif[0] = (byte) 0xff;
        exif[1] = (byte) 0xe1;
        int length = exif.length - 2;
        exif[2] = (byte) (length >> 8);
        exif[3] = (byte) length;
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 4, 6);
        System.arraycopy(tiff, 0, exif, 10, tiff.length);
        byte[] out = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(exif, 0, out, 2, exif.length);
        System.arraycopy(jpeg, 2, out, 2 + exif.length, jpeg.length - 2);
        return out;
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
