package dev.custody.seals.compare;

import java.util.Optional;

/**
 * Whether the seal {@link SealLocator} found takes in all of the glitter around it, and if not, the
 * seal grown over the rest. The locator keeps the densest fine detail, so a sparser or duller
 * stretch of glitter at one side of a dome can be left out; a change there would never be compared
 * and the seal called intact (issue 18: three tampered domes of the tuning seed). Here flakes are
 * counted one by one ({@link Specks}: a sparkle counts no more than a dull flake, a seam or an edge
 * not at all), and where they lie as densely as on the seal itself but outside it, the seal takes
 * them in: the convex hull of the seal and that glitter, since the dull flakes of a dome can lie too
 * sparsely between the rim and the found part to join it pixel by pixel. A little glitter beyond
 * (up to {@link #MAX_BEYOND}) does not grow the seal, but where it lies in a bay of the seal found,
 * within its convex hull, it is compared too: a patch removed from such a bay was called intact
 * (docs/benchmarks.md, "Glitter in the seal's bays").
 */
final class SealCoverage {
    /** Glitter as dense as this share of the seal's own median density of flakes counts as glitter. */
    private static final double AS_DENSE = 0.5;
    /** How far outside the found seal to look, as a share of its extent. */
    private static final double NEAR = 0.3;
    /**
     * Glitter outside the seal over this share of its core's area and the seal is not delimited. On
     * the tuning seed (101) honest references measured at most 0.17 where the found area was whole;
     * the three domes whose change lay outside it 0.39–1.9.
     */
    static final double MAX_BEYOND = 0.2;
    /**
     * How often the seal may grow, each time by at most {@link #NEAR} of its extent. Glitter that
     * still continues beyond has no edge in the photo (a glittery case, a seal cut off by the frame):
     * the owner must mark the seal.
     */
    private static final int GROWTHS = 2;
    /**
     * A bay of glitter smaller than this share of the seal's core is not taken in. It is a trade: the
     * smallest patch the benchmark moves is about 1% of a dome (those it removes, 2%), so a smaller
     * bay could still hold one; but taking in every sliver (about a quarter of all pairs have one)
     * moved the flake detection level of knife-edge pairs and flipped two tampered stickers to
     * intact. Of 693 local changes on used seeds, the only one still compared on under 0.7 of its
     * area runs off a strip's end, not into a bay.
     */
    static final double MIN_BAY = 0.02;

    private SealCoverage() {}

    /**
     * The whole seal: the one found (with the glitter in its bays), or the one found grown over the
     * glitter beyond it; empty if the glitter has no edge.
     */
    static Optional<SealArea> whole(Pyramid reference, SealArea found) {
        SealArea seal = found;
        for (int growths = 0; ; growths++) {
            GlitterAround around = new GlitterAround(reference, seal);
            if (around.beyondShare() <= MAX_BEYOND) {
                return Optional.of(around.withBays(seal));
            }
            if (growths == GROWTHS || !around.hasCore()) {
                return Optional.empty();
            }
            seal = around.grown();
        }
    }

    /** The flake-dense texture near a seal, at the scale the seal was found at. */
    private static final class GlitterAround {
        private final Pyramid reference;
        private final int factor;
        private final int w;
        private final int h;
        private final boolean[] cells;
        private final boolean[] core;
        private final int coreArea;
        /** Pixels near the seal whose flakes lie as densely as on it (on it too). */
        private final boolean[] glitter;

        GlitterAround(Pyramid reference, SealArea seal) {
            this.reference = reference;
            this.factor = seal.step();
            Gray level = reference.level(factor);
            this.w = level.width();
            this.h = level.height();
            this.cells = new boolean[w * h];
            this.core = new boolean[w * h];
            int x0 = seal.box().x() / factor;
            int y0 = seal.box().y() / factor;
            int area = 0;
            for (int r = 0; r < seal.rows() && y0 + r < h; r++) {
                for (int c = 0; c < seal.columns() && x0 + c < w; c++) {
                    int i = (y0 + r) * w + x0 + c;
                    cells[i] = seal.cells()[r * seal.columns() + c];
                    core[i] = seal.core()[r * seal.columns() + c];
                    area += core[i] ? 1 : 0;
                }
            }
            this.coreArea = area;
            this.glitter = new boolean[w * h];
            if (coreArea == 0) {
                return;
            }
            Gray density = GrayOps.blur(new Gray(w, h, Specks.of(level)), Math.max(w, h) / 60.0);
            float[] onSeal = new float[coreArea];
            for (int i = 0, n = 0; i < core.length; i++) {
                if (core[i]) {
                    onSeal[n++] = density.data()[i];
                }
            }
            float dense = (float) (AS_DENSE * Structure.percentile(onSeal, 0.5f));
            float[] mask = new float[w * h];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = cells[i] ? 1 : 0;
            }
            Gray near = GrayOps.maxFilter(new Gray(w, h, mask), (int) Math.ceil(NEAR * Math.max(seal.columns(), seal.rows())));
            for (int i = 0; i < glitter.length; i++) {
                glitter[i] = near.data()[i] > 0 && density.data()[i] >= dense;
            }
        }

        boolean hasCore() {
            return coreArea > 0;
        }

        /** The area of glitter outside the seal, as a share of the seal's core area. */
        double beyondShare() {
            if (coreArea == 0) {
                return Double.POSITIVE_INFINITY;
            }
            int beyond = 0;
            for (int i = 0; i < glitter.length; i++) {
                beyond += glitter[i] && !cells[i] ? 1 : 0;
            }
            return beyond / (double) coreArea;
        }

        /**
         * The seal with the glitter in its bays compared too, with the locator's margin, but no
         * further than the seal's convex hull: so the seal's box, and the frame compared, stay as
         * they were. Its core stays as found: the pair's own rates are still taken on the seal proper.
         */
        SealArea withBays(SealArea seal) {
            boolean[] hull = ConvexHull.fill(cells, w, h);
            boolean[] glitterInHull = new boolean[w * h];
            for (int i = 0; i < glitterInHull.length; i++) {
                glitterInHull[i] = glitter[i] && !cells[i] && hull[i];
            }
            boolean[] bays = Components.of(glitterInHull, w, h).atLeast((int) Math.ceil(MIN_BAY * coreArea));
            boolean any = false;
            for (boolean b : bays) {
                any |= b;
            }
            if (!any) {
                return seal;
            }
            boolean[] reach = SealLocator.dilate(bays, w, h, SealLocator.margin(Math.max(seal.columns(), seal.rows())));
            boolean[] compared = seal.cells().clone();
            int x0 = seal.box().x() / factor;
            int y0 = seal.box().y() / factor;
            for (int r = 0; r < seal.rows() && y0 + r < h; r++) {
                for (int c = 0; c < seal.columns() && x0 + c < w; c++) {
                    int i = (y0 + r) * w + x0 + c;
                    compared[r * seal.columns() + c] |= reach[i] && hull[i];
                }
            }
            return new SealArea(seal.box(), seal.step(), seal.columns(), seal.rows(), compared, seal.core());
        }

        /** The seal over the glitter near it: their convex hull, with the locator's margin for the polish's outline. */
        SealArea grown() {
            boolean[] joined = core.clone();
            for (int i = 0; i < joined.length; i++) {
                joined[i] |= glitter[i];
            }
            boolean[] grownCore = ConvexHull.fill(joined, w, h);
            return SealLocator.withMargin(grownCore, w, h, factor, reference.full());
        }
    }
}
