package dev.custody.seals.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The convex hull of a pixel mask, filled (Andrew's monotone chain over each row's end pixels). */
final class ConvexHull {
    private ConvexHull() {}

    /** The mask with every pixel inside its convex hull set. */
    static boolean[] fill(boolean[] mask, int w, int h) {
        List<long[]> points = rowEnds(mask, w, h);
        if (points.size() < 3) {
            return mask.clone();
        }
        long[][] hull = counterClockwise(points);
        long minY = Long.MAX_VALUE;
        long maxY = Long.MIN_VALUE;
        for (long[] p : hull) {
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        boolean[] out = mask.clone();
        for (int y = (int) minY; y <= maxY; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] |= inside(hull, x, y);
            }
        }
        return out;
    }

    /** The first and last set pixel of each row: the hull of those is the hull of the mask. */
    private static List<long[]> rowEnds(boolean[] mask, int w, int h) {
        List<long[]> points = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            int first = -1;
            int last = -1;
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x]) {
                    first = first < 0 ? x : first;
                    last = x;
                }
            }
            if (first >= 0) {
                points.add(new long[] {first, y});
                if (last != first) {
                    points.add(new long[] {last, y});
                }
            }
        }
        return points;
    }

    /** The hull's corners in order, the first repeated at the end. */
    private static long[][] counterClockwise(List<long[]> points) {
        points.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
        int n = points.size();
        long[][] hull = new long[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], points.get(i)[0], points.get(i)[1]) <= 0) {
                k--;
            }
            hull[k++] = points.get(i);
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], points.get(i)[0], points.get(i)[1]) <= 0) {
                k--;
            }
            hull[k++] = points.get(i);
        }
        return Arrays.copyOf(hull, k);
    }

    private static boolean inside(long[][] hull, long x, long y) {
        for (int i = 0; i + 1 < hull.length; i++) {
            if (cross(hull[i], hull[i + 1], x, y) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Positive when (x, y) lies to the left of the edge o → a. */
    private static long cross(long[] o, long[] a, long x, long y) {
        return (a[0] - o[0]) * (y - o[1]) - (a[1] - o[1]) * (x - o[0]);
    }
}
