package dev.custody.seals.compare;

/**
 * Whether the seal {@link SealLocator} found takes in all of the glitter around it. The locator
 * keeps the densest fine detail, so a sparser or duller stretch of glitter at one side of a dome
 * can be left out; a change there would never be compared and the seal called intact (issue 18:
 * three tampered domes of the tuning seed). Here flakes are counted one by one ({@link Specks}: a
 * sparkle counts no more than a dull flake, a seam or an edge not at all), and where they lie as
 * densely as on the seal itself but outside it, the seal was not delimited.
 */
final class SealCoverage {
    /** Glitter as dense as this share of the seal's own median density of flakes counts as glitter. */
    private static final double AS_DENSE = 0.5;
    /** How far outside the found seal to look, as a share of its extent. */
    private static final double NEAR = 0.3;
    /**
     * Glitter outside the found seal over this share of its core's area and the seal cannot be
     * delimited. On the tuning seed (101) honest references measured at most 0.17 where the found
     * area was whole; the three domes whose change lay outside it 0.39–1.9.
     */
    static final double MAX_BEYOND = 0.2;

    private SealCoverage() {}

    /** The area of flake-dense texture just outside the seal, as a share of the seal's core area. */
    static double glitterBeyond(Pyramid reference, SealArea seal) {
        int factor = seal.step();
        Gray level = reference.level(factor);
        int w = level.width();
        int h = level.height();
        float[] cells = new float[w * h];
        boolean[] core = new boolean[w * h];
        int x0 = seal.box().x() / factor;
        int y0 = seal.box().y() / factor;
        int extent = Math.max(seal.columns(), seal.rows());
        int coreArea = 0;
        for (int r = 0; r < seal.rows() && y0 + r < h; r++) {
            for (int c = 0; c < seal.columns() && x0 + c < w; c++) {
                int i = (y0 + r) * w + x0 + c;
                cells[i] = seal.cells()[r * seal.columns() + c] ? 1 : 0;
                core[i] = seal.core()[r * seal.columns() + c];
                coreArea += core[i] ? 1 : 0;
            }
        }
        if (coreArea == 0) {
            return Double.POSITIVE_INFINITY;
        }
        Gray density = Specks.density(level);
        float[] onSeal = new float[coreArea];
        for (int i = 0, n = 0; i < core.length; i++) {
            if (core[i]) {
                onSeal[n++] = density.data()[i];
            }
        }
        float dense = (float) (AS_DENSE * Structure.percentile(onSeal, 0.5f));
        Gray near = GrayOps.maxFilter(new Gray(w, h, cells), (int) Math.ceil(NEAR * extent));
        int beyond = 0;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == 0 && near.data()[i] > 0 && density.data()[i] >= dense) {
                beyond++;
            }
        }
        return beyond / (double) coreArea;
    }
}
