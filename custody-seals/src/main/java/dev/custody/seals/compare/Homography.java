package dev.custody.seals.compare;

/** A 3×3 projective map, row-major, from one image's pixel coordinates to another's. */
public record Homography(double[] m) {
    public Homography {
        m = m.clone();
    }

    public static Homography scaling(double sx, double sy) {
        return new Homography(new double[] {sx, 0, 0, 0, sy, 0, 0, 0, 1});
    }

    public static Homography translation(double tx, double ty) {
        return new Homography(new double[] {1, 0, tx, 0, 1, ty, 0, 0, 1});
    }

    public double[] map(double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    }

    /** {@code this ∘ first}: apply {@code first}, then this. */
    public Homography after(Homography first) {
        double[] a = m;
        double[] b = first.m;
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                c[r * 3 + k] = a[r * 3] * b[k] + a[r * 3 + 1] * b[3 + k] + a[r * 3 + 2] * b[6 + k];
            }
        }
        return new Homography(c);
    }

    public Homography inverse() {
        double[] a = m;
        double det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
        if (Math.abs(det) < 1e-18) {
            throw new IllegalStateException("the alignment is degenerate");
        }
        return new Homography(new double[] {
            (a[4] * a[8] - a[5] * a[7]) / det, (a[2] * a[7] - a[1] * a[8]) / det, (a[1] * a[5] - a[2] * a[4]) / det,
            (a[5] * a[6] - a[3] * a[8]) / det, (a[0] * a[8] - a[2] * a[6]) / det, (a[2] * a[3] - a[0] * a[5]) / det,
            (a[3] * a[7] - a[4] * a[6]) / det, (a[1] * a[6] - a[0] * a[7]) / det, (a[0] * a[4] - a[1] * a[3]) / det});
    }

    /** Area scale (Jacobian determinant) at a point: how many target pixels one source pixel covers. */
    public double areaScale(double x, double y) {
        double e = 0.5;
        double[] p = map(x, y);
        double[] px = map(x + e, y);
        double[] py = map(x, y + e);
        double ax = (px[0] - p[0]) / e;
        double ay = (px[1] - p[1]) / e;
        double bx = (py[0] - p[0]) / e;
        double by = (py[1] - p[1]) / e;
        return ax * by - ay * bx;
    }
}
