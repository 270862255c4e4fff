package dev.custody.seals.photo;

import dev.custody.seals.RgbBytes;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads seal photos (JPEG, PNG). Every way a file can be unusable ends in one
 * {@link IllegalArgumentException} that names the file and says what to do.
 */
public final class PhotoReader {
    /** Larger than any phone photo; a bigger file is a mistake (a video, a disk image). */
    static final long MAX_FILE_BYTES = 100L * 1024 * 1024;
    /**
     * 50 megapixels: more than any phone's normal mode; past it, decoding alone takes seconds and
     * gigabytes (a 290 KB PNG can declare 10000x9999 pixels).
     */
    static final long MAX_PIXELS = 50_000_000L;
    /** No side longer than this (a 50 MP limit alone lets through 50000x1000). */
    static final int MAX_SIDE = 12_000;
    /** Wider than 4:1 is a panorama or a strip, not a photo of a seal. */
    static final int MAX_ASPECT = 4;
    /** Below this a seal's glitter cannot be told apart. */
    static final int MIN_SIDE = 64;

    private PhotoReader() {}

    public static Photo read(Path file) {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(name + " is a folder, not a photo");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(name + " is " + size / (1024 * 1024)
                        + " MiB, too large for a photo; export it as a JPEG of at most 100 MiB");
            }
            return decode(Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such photo: " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read photo " + name, e);
        }
    }

    /** Decodes photo bytes; {@code name} is only for messages. */
    public static Photo decode(byte[] bytes, String name) {
        PhotoFormat format = PhotoFormat.detect(bytes, name);
        BufferedImage image = decodeStrictly(bytes, format, name);
        if (format == PhotoFormat.JPEG) {
            image = ExifOrientation.apply(image, ExifOrientation.of(bytes));
        }
        return new Photo(name, bytes, format, image);
    }

    private static BufferedImage decodeStrictly(byte[] bytes, PhotoFormat format, String name) {
        String damaged = name + " is a damaged " + format + " file (%s); copy the photo from the camera again";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name());
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java has no " + format + " decoder");
        }
        ImageReader reader = readers.next();
        AtomicReference<String> warning = new AtomicReference<>();
        reader.addIIOReadWarningListener(new IIOReadWarningListener() {
            @Override
            public void warningOccurred(ImageReader source, String message) {
                warning.compareAndSet(null, message);
            }
        });
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkDimensions(width, height, name);
            BufferedImage image = reader.read(0);
            if (warning.get() != null) {
                // ImageIO "succeeds" on a truncated JPEG with grey rows; comparing those would report tampering.
                throw new IllegalArgumentException(String.format(damaged, oneLine(warning.get())));
            }
            return toRgb(image);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException user && user.getMessage() != null
                    && user.getMessage().startsWith(name)) {
                throw user;
            }
            throw new IllegalArgumentException(String.format(damaged, oneLine(describe(e))));
        } finally {
            reader.dispose();
        }
    }

    /** Judged on the dimensions the header declares, before a byte of pixels is decoded. */
    private static void checkDimensions(int width, int height, String name) {
        String declared = name + " declares " + width + "x" + height + " pixels, ";
        if ((long) width * height > MAX_PIXELS || Math.max(width, height) > MAX_SIDE) {
            throw new IllegalArgumentException(declared + "more than the limit of 50 megapixels and "
                    + MAX_SIDE + " pixels a side; take it at a lower resolution or scale it down");
        }
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException(name + " is only " + width + "x" + height
                    + " pixels; take the photo at full resolution, at least " + MIN_SIDE + " pixels a side");
        }
        if (Math.max(width, height) > (long) MAX_ASPECT * Math.min(width, height)) {
            throw new IllegalArgumentException(declared + "wider than " + MAX_ASPECT
                    + ":1; photograph the seal in a normal photo, not a panorama");
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String oneLine(String message) {
        return message.lines().findFirst().orElse(message).strip();
    }

    /**
     * Every comparison and report works on plain 8-bit RGB, whatever the file held (grey, alpha,
     * 16-bit): packed in ints, or the three bytes a colour JPEG decodes to, kept as they are because
     * repacking a 12-megapixel photo costs a fresh JVM 0.2 s and 48 MB (docs/benchmarks.md).
     */
    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || RgbBytes.of(image).isPresent()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
