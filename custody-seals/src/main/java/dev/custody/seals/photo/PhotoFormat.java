package dev.custody.seals.photo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The photo formats Custody reads, recognised by their first bytes rather than by the file name. */
public enum PhotoFormat {
    JPEG("jpg"),
    PNG("png");

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String extension;

    PhotoFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension a stored copy gets. */
    public String extension() {
        return extension;
    }

    /**
     * The format of these bytes; for anything else an exception whose message names what the
     * bytes look like and what to do, because "unsupported" alone does not help a phone user.
     */
    static PhotoFormat detect(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException(name + " is empty; take the photo again");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (startsWith(bytes, 0, PNG_MAGIC)) {
            return PNG;
        }
        throw new IllegalArgumentException(name + " is " + describeOther(bytes)
                + ", not a JPEG or PNG photo; export it as JPEG (most phones: set the camera to \"Most compatible\")");
    }

    private static String describeOther(byte[] bytes) {
        if (bytes.length >= 12 && ascii(bytes, 4, 4).equals("ftyp")) {
            String brand = ascii(bytes, 8, 4);
            return switch (brand) {
                case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1" -> "a HEIC/HEIF image";
                case "avif", "avis" -> "an AVIF image";
                default -> "a video or ISO media file";
            };
        }
        if (bytes.length >= 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
            return "a WebP image";
        }
        if (bytes.length >= 4 && (ascii(bytes, 0, 4).equals("II*\0") || ascii(bytes, 0, 4).equals("MM\0*"))) {
            return "a TIFF (or camera raw) image";
        }
        if (startsWith(bytes, 0, "%PDF".getBytes(StandardCharsets.US_ASCII))) {
            return "a PDF document";
        }
        if (startsWith(bytes, 0, "GIF8".getBytes(StandardCharsets.US_ASCII))) {
            return "a GIF image";
        }
        if (startsWith(bytes, 0, "BM".getBytes(StandardCharsets.US_ASCII))) {
            return "a BMP image";
        }
        if (looksLikeText(bytes)) {
            return "a text file";
        }
        return "in an unknown format";
    }

    private static boolean looksLikeText(byte[] bytes) {
        int checked = Math.min(bytes.length, 512);
        for (int i = 0; i < checked; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
