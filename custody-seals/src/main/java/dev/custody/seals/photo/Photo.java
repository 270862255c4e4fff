package dev.custody.seals.photo;

import java.awt.image.BufferedImage;

/**
 * A photo as read from disk: the original bytes (what gets signed and stored) and the decoded
 * image, upright as the EXIF orientation says.
 */
public record Photo(String name, byte[] bytes, PhotoFormat format, BufferedImage image) {}
