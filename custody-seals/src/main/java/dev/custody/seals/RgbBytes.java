package dev.custody.seals;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Optional;

/**
 * The bytes of an image laid out as a colour JPEG decodes: blue, green, red for each pixel, row
 * after row with no padding, the raster's whole buffer. Code that reads pixels in bulk reads them
 * straight from here.
 */
public final class RgbBytes {
    private RgbBytes() {}

    public static Optional<byte[]> of(BufferedImage image) {
        boolean plain = image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && image.getSampleModel() instanceof ComponentSampleModel layout
                && layout.getPixelStride() == 3 && layout.getScanlineStride() == 3 * image.getWidth()
                && Arrays.equals(layout.getBandOffsets(), new int[] {2, 1, 0});
        return plain ? Optional.of(((DataBufferByte) image.getRaster().getDataBuffer()).getData()) : Optional.empty();
    }
}
