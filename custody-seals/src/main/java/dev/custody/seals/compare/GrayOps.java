package dev.custody.seals.compare;

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
        // the comparator's photos are all INT_RGB (PhotoReader); anything else is read the slow way
        return plainIntRgb(image).<RgbReader>map(pixels -> (y, rgb) -> System.arraycopy(pixels, y * w, rgb, 0, w))
                .orElse((y, rgb) -> image.getRGB(0, y, w, 1, rgb, 0, w));
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
        if (plain && (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY)
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer && buffer.getOffset() == 0) {
            byte[] bytes = buffer.getData();
            if (type == BufferedImage.TYPE_BYTE_GRAY) {
                return (y, luma) -> {
                    for (int x = 0, i = y * w; x < w; x++, i++) {
                        luma[x] = bytes[i] & 0xFF;
                    }
                };
            }
            return (y, luma) -> {
                for (int x = 0, j = 3 * y * w; x < w; x++, j += 3) {
                    luma[x] = 0.114f * (bytes[j] & 0xFF) + 0.587f * (bytes[j + 1] & 0xFF) + 0.299f * (bytes[j + 2] & 0xFF);
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

    /** Largest value within r pixels (a square), separable. */
    public static Gray maxFilter(Gray in, int r) {
        int w = in.width();
        int h = in.height();
        float[] src = in.data();
        float[] tmp = new float[w * h];
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = -Float.MAX_VALUE;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                    m = Math.max(m, src[y * w + k]);
                }
                tmp[y * w + x] = m;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = -Float.MAX_VALUE;
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                    m = Math.max(m, tmp[k * w + x]);
                }
                out[y * w + x] = m;
            }
        }
        return new Gray(w, h, out);
    }
}
