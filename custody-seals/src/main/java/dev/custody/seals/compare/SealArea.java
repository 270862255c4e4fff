package dev.custody.seals.compare;

import dev.custody.seals.Region;

/**
 * The seal itself, in the reference's pixels: a coarse mask (one cell per {@code step} pixels)
 * and its bounding box. Only the seal is compared, and only the seal must be in the new photo:
 * the rest of the reference's frame (the case, the desk) may be cut off or framed differently.
 *
 * @param cells what is compared: the seal with a margin, so that its outline is compared too
 * @param core the seal without the margin: what must be in the new photo
 */
public record SealArea(Region box, int step, int columns, int rows, boolean[] cells, boolean[] core) {

    /** The ellipse inscribed in a region the owner marked (--roi): seals over screws are round. */
    public static SealArea ellipse(Region roi) {
        int step = Math.max(1, Math.max(roi.w(), roi.h()) / 96);
        int columns = (roi.w() + step - 1) / step;
        int rows = (roi.h() + step - 1) / step;
        boolean[] cells = new boolean[columns * rows];
        double rx = roi.w() / 2.0;
        double ry = roi.h() / 2.0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double dx = ((c + 0.5) * step - rx) / rx;
                double dy = ((r + 0.5) * step - ry) / ry;
                cells[r * columns + c] = dx * dx + dy * dy <= 1;
            }
        }
        return new SealArea(roi, step, columns, rows, cells, cells);
    }

    public boolean contains(double x, double y) {
        return at(cells, x, y);
    }

    /** Whether the point is on the seal proper (its glitter, not the margin around it). */
    boolean inCore(double x, double y) {
        return at(core, x, y);
    }

    private boolean at(boolean[] mask, double x, double y) {
        int c = (int) Math.floor((x - box.x()) / step);
        int r = (int) Math.floor((y - box.y()) / step);
        return c >= 0 && r >= 0 && c < columns && r < rows && mask[r * columns + c];
    }

    /** The box around the seal's core as a homography maps it (into the new photo). */
    Region footprint(Homography referenceToPhoto) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (core[r * columns + c]) {
                    double[] p = referenceToPhoto.map(box.x() + (c + 0.5) * step, box.y() + (r + 0.5) * step);
                    minX = Math.min(minX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxX = Math.max(maxX, p[0]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        int x = (int) Math.floor(minX);
        int y = (int) Math.floor(minY);
        return new Region(x, y, Math.max(1, (int) Math.ceil(maxX) - x), Math.max(1, (int) Math.ceil(maxY) - y));
    }

    /** Share of the seal's core that a homography maps inside a photo of the given size. */
    double visible(Homography referenceToPhoto, int width, int height) {
        int inside = 0;
        int total = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (!core[r * columns + c]) {
                    continue;
                }
                total++;
                double[] p = referenceToPhoto.map(box.x() + (c + 0.5) * step, box.y() + (r + 0.5) * step);
                if (p[0] >= 0 && p[1] >= 0 && p[0] < width && p[1] < height) {
                    inside++;
                }
            }
        }
        return total == 0 ? 0 : inside / (double) total;
    }
}
