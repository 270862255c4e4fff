package dev.custody.seals.synth;

import dev.custody.seals.compare.Gray;
import dev.custody.seals.compare.GrayOps;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** What a phone camera does to a picture: optical blur, sensor noise, JPEG compression. */
final class Degradation {
    private Degradation() {}

    static void blur(float[][] rgb, int w, int h, double sigma) {
        if (sigma < 0.3) {
            return;
        }
        for (int k = 0; k < 3; k++) {
            rgb[k] = GrayOps.blur(new Gray(w, h, rgb[k]), sigma).data();
        }
    }

    static BufferedImage noisyJpeg(float[][] rgb, int w, int h, double noise, int quality, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        IntStream.range(0, h).parallel().forEach(y -> {
            Random grain = new Random(seed ^ (y * 0x9E3779B97F4A7C15L));
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int k = 0; k < 3; k++) {
                    double v = rgb[k][i] + noise * grain.nextGaussian();
                    bytes[3 * i + 2 - k] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        });
        return jpeg(image, quality);
    }

    /** Encodes and decodes, so the photo carries real JPEG artefacts. */
    static BufferedImage jpeg(BufferedImage image, int quality) {
        return decode(encodeJpeg(image, quality));
    }

    static byte[] encodeJpeg(BufferedImage image, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
