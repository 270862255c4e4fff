package dev.custody.seals.compare;

/**
 * A smooth displacement field on a grid of cells: the photo at p shows the aligned reference at
 * p + d(p). It absorbs what a homography cannot: the polish dome is not flat.
 */
public record FlowField(int columns, int rows, int cell, float[] dx, float[] dy) {

    public static FlowField zero(int columns, int rows, int cell) {
        return new FlowField(columns, rows, cell, new float[columns * rows], new float[columns * rows]);
    }

    /** Bilinear between cell centres. */
    public double[] at(double x, double y) {
        double gx = Math.max(0, Math.min(columns - 1, x / cell - 0.5));
        double gy = Math.max(0, Math.min(rows - 1, y / cell - 0.5));
        int x0 = Math.min((int) gx, Math.max(0, columns - 2));
        int y0 = Math.min((int) gy, Math.max(0, rows - 2));
        int x1 = Math.min(x0 + 1, columns - 1);
        int y1 = Math.min(y0 + 1, rows - 1);
        double fx = gx - x0;
        double fy = gy - y0;
        return new double[] {lerp(dx, x0, y0, x1, y1, fx, fy), lerp(dy, x0, y0, x1, y1, fx, fy)};
    }

    private double lerp(float[] v, int x0, int y0, int x1, int y1, double fx, double fy) {
        double top = v[y0 * columns + x0] + (v[y0 * columns + x1] - v[y0 * columns + x0]) * fx;
        double bottom = v[y1 * columns + x0] + (v[y1 * columns + x1] - v[y1 * columns + x0]) * fx;
        return top + (bottom - top) * fy;
    }
}
