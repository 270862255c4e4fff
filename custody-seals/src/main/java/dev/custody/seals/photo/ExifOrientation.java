package dev.custody.seals.photo;

import java.awt.image.BufferedImage;

/**
 * Phones store photos as the sensor saw them and note the rotation in the EXIF Orientation tag;
 * ImageIO ignores it. Applying it here keeps enrolled ROIs and reports the way the user sees the photo.
 */
final class ExifOrientation {
    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {}

    /** The orientation (1-8) in a JPEG's EXIF block; 1 (as stored) when there is none or it is unreadable. */
    static int of(byte[] jpeg) {
        try {
            int offset = 2;
            while (offset + 4 <= jpeg.length && (jpeg[offset] & 0xff) == 0xff) {
                int marker = jpeg[offset + 1] & 0xff;
                int length = u16(jpeg, offset + 2, false);
                if (marker == 0xda || marker == 0xd9) {
                    return 1;
                }
                if (marker == 0xe1 && isExif(jpeg, offset + 4)) {
                    return fromTiff(jpeg, offset + 10, offset + 2 + length);
                }
                offset += 2 + length;
            }
        } catch (IndexOutOfBoundsException e) {
            return 1;
        }
        return 1;
    }

    private static boolean isExif(byte[] b, int at) {
        return at + 6 <= b.length && b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f'
                && b[at + 4] == 0 && b[at + 5] == 0;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == TAG_ORIENTATION) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static int u32(byte[] b, int at, boolean little) {
        return little ? u16(b, at, true) | u16(b, at + 2, true) << 16 : u16(b, at, false) << 16 | u16(b, at + 2, false);
    }

    /** The image as it should be displayed, for EXIF orientations 1-8. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        BufferedImage out = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                switch (orientation) {
                    case 2 -> out.setRGB(w - 1 - x, y, rgb);
                    case 3 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case 4 -> out.setRGB(x, h - 1 - y, rgb);
                    case 5 -> out.setRGB(y, x, rgb);
                    case 6 -> out.setRGB(h - 1 - y, x, rgb);
                    case 7 -> out.setRGB(h - 1 - y, w - 1 - x, rgb);
                    default -> out.setRGB(y, w - 1 - x, rgb);
                }
            }
        }
        return out;
    }
}
