package dev.custody.seals.compare;

/**
 * A grey image of floats, 0..255, row-major. The comparison works on these instead of BufferedImage
 * because every stage is arithmetic on whole arrays.
 */
public record Gray(int width, int height, float[] data) {
    public Gray {
        if (data.length != width * height) {
            throw new IllegalArgumentException("pixel array does not match " + width + "x" + height);
        }
    }

    public Gray(int width, int height) {
        this(width, height, new float[width * height]);
    }

    public float get(int x, int y) {
        return data[y * width + x];
    }

    /** Bilinear sample; NaN outside the image, so callers can tell "no data" from black. */
    public float sample(double x, double y) {
        if (x < 0 || y < 0 || x > width - 1 || y > height - 1) {
            return Float.NaN;
        }
        int x0 = Math.min((int) x, width - 2 < 0 ? 0 : width - 2);
        int y0 = Math.min((int) y, height - 2 < 0 ? 0 : height - 2);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int i = y0 * width + x0;
        int dx = width > 1 ? 1 : 0;
        int dy = height > 1 ? width : 0;
        float top = data[i] + (data[i + dx] - data[i]) * fx;
        float bottom = data[i + dy] + (data[i + dy + dx] - data[i + dy]) * fx;
        return top + (bottom - top) * fy;
    }
}
