package dev.custody.seals.report;

import dev.custody.common.AtomicFiles;
import dev.custody.seals.Comparison;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** The evidence images as files and as data: URIs for the self-contained report. */
public final class EvidenceImages {
    /** Above this, photos go into the report as JPEG: a 12 MP PNG would make a 30 MB report. */
    private static final long PNG_PIXEL_LIMIT = 2_000_000L;

    private EvidenceImages() {}

    /**
     * Writes the heat map as PNG, atomically.
     *
     * @return false when there is no heat map because the comparison stopped before alignment
     */
    public static boolean writeHeatmap(Comparison comparison, Path out) {
        BufferedImage heatmap = comparison.evidence() == null ? null : comparison.evidence().heatmap();
        if (heatmap == null) {
            return false;
        }
        AtomicFiles.write(out, png(heatmap));
        return true;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this Java has no PNG encoder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an evidence image", e);
        }
        return out.toByteArray();
    }

    /** A data: URI; photos large enough to bloat the report are JPEG, heat maps and small images PNG. */
    static String dataUri(BufferedImage image, boolean photo) {
        if (photo && (long) image.getWidth() * image.getHeight() > PNG_PIXEL_LIMIT) {
            return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(image));
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(image));
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(withoutAlpha(image), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an evidence image", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Long side of the new photo as shown under the outlines; the outlines keep full-resolution coordinates. */
    private static final int DISPLAY_SIDE = 1600;

    /** The photo scaled down for the page if it is larger than a screen needs. */
    static BufferedImage forDisplay(BufferedImage photo) {
        int side = Math.max(photo.getWidth(), photo.getHeight());
        if (side <= DISPLAY_SIDE) {
            return photo;
        }
        double scale = (double) DISPLAY_SIDE / side;
        int w = Math.max(1, (int) Math.round(photo.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(photo.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(java.awt.RenderingHints.KEY_RENDERING, java.awt.RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(photo, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    /** The JPEG writer refuses alpha channels. */
    private static BufferedImage withoutAlpha(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
