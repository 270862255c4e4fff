package dev.custody.seals.compare;

import dev.custody.seals.Region;

/**
 * The seal itself: the ellipse inscribed in the region of interest. Seals over screws are round,
 * and the corners of the box show only the case around them, whose fine grain drowns in the noise
 * of a phone photo.
 */
final class SealArea {
    private SealArea() {}

    static boolean contains(Region roi, double x, double y) {
        double rx = roi.w() / 2.0;
        double ry = roi.h() / 2.0;
        double dx = (x - roi.x() - rx) / rx;
        double dy = (y - roi.y() - ry) / ry;
        return dx * dx + dy * dy <= 1;
    }

    /** Share of the seal's area that a homography maps inside a photo of the given size. */
    static double visible(Region roi, Homography referenceToPhoto, int width, int height) {
        int inside = 0;
        int total = 0;
        for (int j = 0; j < 24; j++) {
            for (int i = 0; i < 24; i++) {
                double x = roi.x() + (i + 0.5) * roi.w() / 24.0;
                double y = roi.y() + (j + 0.5) * roi.h() / 24.0;
                if (!contains(roi, x, y)) {
                    continue;
                }
                total++;
                double[] p = referenceToPhoto.map(x, y);
                if (p[0] >= 0 && p[1] >= 0 && p[0] < width && p[1] < height) {
                    inside++;
                }
            }
        }
        return total == 0 ? 0 : inside / (double) total;
    }
}
