package dev.custody.seals.compare;

import dev.custody.seals.Region;
import java.util.Optional;

/** Chooses the comparison frame: the seal's footprint in the photo, scaled to a modest size. */
final class FramePlan {
    /**
     * How much of the seal must be in the photo. A tilted photo cuts a few per cent off the found
     * area (its margin and a sticker's printed border reach past the glitter), which is no reason to
     * refuse; what is outside is simply not compared. Below this a real part of the seal is missing.
     */
    static final double MIN_VISIBLE = 0.90;

    private FramePlan() {}

    static Optional<Frame> around(Region area, Homography referenceToPhoto, Gray photo, int maxSide) {
        double[][] corners = {
            referenceToPhoto.map(area.x(), area.y()), referenceToPhoto.map(area.x() + area.w(), area.y()),
            referenceToPhoto.map(area.x() + area.w(), area.y() + area.h()), referenceToPhoto.map(area.x(), area.y() + area.h())};
        if (!convex(corners)) {
            return Optional.empty();
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] c : corners) {
            minX = Math.min(minX, c[0]);
            minY = Math.min(minY, c[1]);
            maxX = Math.max(maxX, c[0]);
            maxY = Math.max(maxY, c[1]);
        }
        double footprint = (maxX - minX) * (maxY - minY);
        double x0 = Math.max(0, minX);
        double y0 = Math.max(0, minY);
        double x1 = Math.min(photo.width(), maxX);
        double y1 = Math.min(photo.height(), maxY);
        if (x1 - x0 < 32 || y1 - y0 < 32) {
            return Optional.empty();
        }
        double ratio = Math.sqrt(footprint / ((double) area.w() * area.h()));
        if (ratio < 0.1 || ratio > 10) {
            return Optional.empty();
        }
        double scale = Math.min(1, maxSide / Math.max(x1 - x0, y1 - y0));
        return Optional.of(new Frame((int) ((x1 - x0) * scale), (int) ((y1 - y0) * scale), x0, y0, scale));
    }

    /** The four mapped corners must still form a convex quadrilateral turning one way. */
    private static boolean convex(double[][] c) {
        int sign = 0;
        for (int i = 0; i < 4; i++) {
            double[] a = c[i];
            double[] b = c[(i + 1) % 4];
            double[] d = c[(i + 2) % 4];
            double cross = (b[0] - a[0]) * (d[1] - b[1]) - (b[1] - a[1]) * (d[0] - b[0]);
            int s = cross > 0 ? 1 : -1;
            if (sign != 0 && s != sign) {
                return false;
            }
            sign = s;
        }
        return true;
    }
}
