package dev.custody.seals.compare;

import dev.custody.seals.RgbBytes;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Optional;
import java.util.stream.IntStream;

/** Whole-image arithmetic on {@link Gray}: conversion, box downscaling, blurs and local statistics. */
public final class GrayOps {
    private GrayOps() {}

    /** Luma (Rec. 601) of a colour or grey image at full resolution. */
    public static Gray luma(BufferedImage image) {
        return luma(image, 1);
    }

    /**
     * Luma (Rec. 601) averaged over factor×factor blocks, read straight from the raster for the
     * common layouts: a 12-megapixel photo never exists as a full-resolution float image.
     */
    public static Gray luma(BufferedImage image, int factor) {
        int w = image.getWidth() / factor;
        int h = image.getHeight() / factor;
        int sourceWidth = image.getWidth();
        float[] out = new float[w * h];
        float norm = 1f / (factor * factor);
        RowReader rows = rowReader(image);
        IntStream.range(0, h).parallel().forEach(y -> {
            float[] row = new float[sourceWidth];
            float[] acc = new float[w];
            for (int dy = 0; dy < factor; dy++) {
                rows.read(y * factor + dy, row);
                for (int x = 0, i = 0; x < w; x++) {
                    float s = 0;
                    for (int dx = 0; dx < factor; dx++, i++) {
                        s += row[i];
                    }
                    acc[x] += s;
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = acc[x] * norm;
            }
        });
        return new Gray(w, h, out);
    }

    /**
     * Log-opponent colour, 100·ln(R/G) and 100·ln(B/G) of factor×factor block averages (about
     * grey-level units once band-passed). A white balance gain adds a constant and gamma scales
     * both, so a flake's colour against its surroundings keeps its direction under either. On the
     * calling thread only: the comparison reads colour in the background while it finds the seal.
     */
    static Gray[] logChroma(BufferedImage image, int factor) {
        int w = image.getWidth() / factor;
        int h = image.getHeight() / factor;
        int sourceWidth = image.getWidth();
        float[] red = new float[w * h];
        float[] blue = new float[w * h];
        RgbReader rows = rgbReader(image);
        IntStream.range(0, h).forEach(y -> {
            int[] row = new int[sourceWidth];
            int[][] sums = new int[3][w];
            for (int dy = 0; dy < factor; dy++) {
                rows.read(y * factor + dy, row);
                for (int x = 0, i = 0; x < w; x++) {
                    for (int dx = 0; dx < factor; dx++, i++) {
                        int p = row[i];
                        sums[0][x] += (p >> 16) & 0xFF;
                        sums[1][x] += (p >> 8) & 0xFF;
                        sums[2][x] += p & 0xFF;
                    }
                }
            }
            double blocks = factor * factor;
            for (int x = 0; x < w; x++) {
                double g = Math.log(1 + sums[1][x] / blocks);
                red[y * w + x] = (float) (100 * (Math.log(1 + sums[0][x] / blocks) - g));
                blue[y * w + x] = (float) (100 * (Math.log(1 + sums[2][x] / blocks) - g));
            }
        });
        return new Gray[] {new Gray(w, h, red), new Gray(w, h, blue)};
    }

    /** Fills one row of packed 0xRRGGBB pixels; safe to call from several threads. */
    private interface RgbReader {
        void read(int y, int[] rgb);
    }

    private static RgbReader rgbReader(BufferedImage image) {
        int w = image.getWidth();
        Optional<int[]> packed = plainIntRgb(image);
        if (packed.isPresent()) {
            int[] pixels = packed.get();
            return (y, rgb) -> System.arraycopy(pixels, y * w, rgb, 0, w);
        }
        Optional<byte[]> bgr = RgbBytes.of(image);
        if (bgr.isPresent()) {
            byte[] bytes = bgr.get();
            return (y, rgb) -> {
                for (int x = 0, j = 3 * y * w; x < w; x++, j += 3) {
                    rgb[x] = (bytes[j + 2] & 0xFF) << 16 | (bytes[j + 1] & 0xFF) << 8 | (bytes[j] & 0xFF);
                }
            };
        }
        return (y, rgb) -> image.getRGB(0, y, w, 1, rgb, 0, w);
    }

    /** The pixel array of an INT_RGB image that is its raster's whole buffer. */
    private static Optional<int[]> plainIntRgb(BufferedImage image) {
        boolean plain = image.getRaster().getParent() == null;
        if (plain && image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0) {
            return Optional.of(buffer.getData());
        }
        return Optional.empty();
    }

    /** Fills one row of luma values; safe to call from several threads. */
    private interface RowReader {
        void read(int y, float[] luma);
    }

    private static RowReader rowReader(BufferedImage image) {
        int w = image.getWidth();
        int type = image.getType();
        boolean plain = image.getRaster().getParent() == null;
        Optional<int[]> packed = plainIntRgb(image);
        if (packed.isPresent()) {
            int[] pixels = packed.get();
            return (y, luma) -> {
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    int p = pixels[i];
                    luma[x] = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
                }
            };
        }
        Optional<byte[]> bgr = RgbBytes.of(image);
        if (bgr.isPresent()) {
            byte[] bytes = bgr.get();
            // summed in the bytes' order, as for every photo the seal benchmark has measured
            return (y, luma) -> {
                for (int x = 0, j = 3 * y * w; x < w; x++, j += 3) {
                    luma[x] = 0.114f * (bytes[j] & 0xFF) + 0.587f * (bytes[j + 1] & 0xFF) + 0.299f * (bytes[j + 2] & 0xFF);
                }
            };
        }
        if (plain && type == BufferedImage.TYPE_BYTE_GRAY && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getOffset() == 0) {
            byte[] bytes = buffer.getData();
            return (y, luma) -> {
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    luma[x] = bytes[i] & 0xFF;
                }
            };
        }
        return (y, luma) -> {
            int[] row = image.getRGB(0, y, w, 1, null, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                luma[x] = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
            }
        };
    }

    /** Averages factor×factor blocks: the cheap, alias-free way down a pyramid. */
    public static Gray shrink(Gray in, int factor) {
        if (factor <= 1) {
            return in;
        }
        int w = in.width() / factor;
        int h = in.height() / factor;
        float[] out = new float[w * h];
        float norm = 1f / (factor * factor);
        float[] src = in.data();
        int sw = in.width();
        IntStream.range(0, h).parallel().forEach(y -> {
            float[] acc = new float[w];
            for (int dy = 0; dy < factor; dy++) {
                int row = (y * factor + dy) * sw;
                for (int x = 0; x < w; x++) {
                    int i = row + x * factor;
                    float s = 0;
                    for (int dx = 0; dx < factor; dx++) {
                        s += src[i + dx];
                    }
                    acc[x] += s;
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = acc[x] * norm;
            }
        });
        return new Gray(w, h, out);
    }

    /** Separable Gaussian blur with clamped edges. */
    public static Gray blur(Gray in, double sigma) {
        if (sigma < 0.3) {
            return in;
        }
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int w = in.width();
        int h = in.height();
        float[] src = in.data();
        float[] tmp = new float[w * h];
        float[] out = new float[w * h];
        IntStream.range(0, h).parallel().forEach(y -> {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.min(w - 1, Math.max(0, x + k));
                    s += kernel[k + radius] * src[row + xx];
                }
                tmp[row + x] = s;
            }
        });
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int k = -radius; k <= radius; k++) {
                int yy = Math.min(h - 1, Math.max(0, y + k)) * w;
                float kv = kernel[k + radius];
                for (int x = 0; x < w; x++) {
                    out[y * w + x] += kv * tmp[yy + x];
                }
            }
        });
        return new Gray(w, h, out);
    }

    public static Gray subtract(Gray a, Gray b) {
        float[] out = new float[a.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.data()[i] - b.data()[i];
        }
        return new Gray(a.width(), a.height(), out);
    }

    public static BufferedImage toImage(Gray g) {
        BufferedImage image = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < bytes.length; i++) {
            float v = g.data()[i];
            bytes[i] = (byte) (Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v))));
        }
        return image;
    }

    /**
     * Largest value within r pixels (a square), separable. Each pass is van Herk and Gil-Werman's:
     * in blocks of one window's length, running maxima from each block's start and from its end;
     * a window spans at most two blocks, so three comparisons a pixel whatever r (the seal's glitter
     * search takes r of tens of pixels). The same values as comparing every pixel of every window.
     */
    public static Gray maxFilter(Gray in, int r) {
        int w = in.width();
        int h = in.height();
        float[] src = in.data();
        float[] tmp = new float[w * h];
        float[] out = new float[w * h];
        int block = 2 * r + 1;
        float[] fromStart = new float[Math.max(w, h)];
        float[] fromEnd = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            maxLine(src, tmp, y * w, w, r, block, fromStart, fromEnd);
        }
        float[] line = new float[h];
        float[] lineOut = new float[h];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = tmp[y * w + x];
            }
            maxLine(line, lineOut, 0, h, r, block, fromStart, fromEnd);
            for (int y = 0; y < h; y++) {
                out[y * w + x] = lineOut[y];
            }
        }
        return new Gray(w, h, out);
    }

    /** The windowed maximum along one line: the n values from {@code start}. */
    private static void maxLine(float[] src, float[] dst, int start, int n, int r, int block,
                                float[] fromStart, float[] fromEnd) {
        for (int i = 0; i < n; i++) {
            float v = src[start + i];
            fromStart[i] = i % block == 0 ? Math.max(-Float.MAX_VALUE, v) : Math.max(fromStart[i - 1], v);
        }
        for (int i = n - 1; i >= 0; i--) {
            float v = src[start + i];
            boolean blockEnd = i == n - 1 || (i + 1) % block == 0;
            fromEnd[i] = blockEnd ? Math.max(-Float.MAX_VALUE, v) : Math.max(fromEnd[i + 1], v);
        }
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - r);
            int b = Math.min(n - 1, i + r);
            float m;
            if (a / block != b / block) {
                m = Math.max(fromEnd[a], fromStart[b]);
            } else {
                // one block: a window clipped by the line's start begins it, one clipped by its end ends it
                m = a % block == 0 ? fromStart[b] : fromEnd[a];
            }
            dst[start + i] = m;
        }
    }
}
