package dev.custody.seals.photo;

import dev.custody.seals.Region;
import java.awt.image.BufferedImage;

/**
 * A photo as read from disk: the original bytes (what gets signed and stored) and the decoded
 * image, upright as the EXIF orientation says.
 */
public record Photo(String name, byte[] bytes, PhotoFormat format, BufferedImage image) {
    /** Refuses a region of interest that does not lie inside this photo. */
    public Region requireInside(Region roi) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (roi.x() < 0 || roi.y() < 0 || roi.x() + roi.w() > width || roi.y() + roi.h() > height) {
            throw new IllegalArgumentException("--roi " + roi.x() + "," + roi.y() + "," + roi.w() + "," + roi.h()
                    + " does not fit in " + name + ", which is " + width + "x" + height + " pixels");
        }
        return roi;
    }
}
