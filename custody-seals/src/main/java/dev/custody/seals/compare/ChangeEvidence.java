package dev.custody.seals.compare;

import java.util.ArrayDeque;

/**
 * Tampering changes a connected patch (a gap, a line, a repainted area); sparkle flicker and noise
 * change scattered single cells. So evidence is summed over connected groups of doubtful cells, and
 * the strongest group decides.
 */
final class ChangeEvidence {
    /** Cells less alike than this are doubtful. */
    static final double DOUBT = 0.75;
    /** How far below the pair's median similarity a cell must fall to be doubtful. */
    static final double MARGIN = 0.12;

    private ChangeEvidence() {}

    /**
     * The largest sum of (doubt − similarity) over an 8-connected group of doubtful cells. The doubt
     * level follows the pair's typical similarity, so a photo that is a little worse everywhere
     * (blur, noise, JPEG) is not mistaken for one that is changed somewhere.
     */
    static double strongestGroup(CellMap cells) {
        int columns = cells.columns();
        int rows = cells.rows();
        float[] s = cells.similarity();
        double doubt = Math.min(DOUBT, median(s) - MARGIN);
        boolean[] seen = new boolean[s.length];
        double strongest = 0;
        for (int start = 0; start < s.length; start++) {
            if (seen[start] || !(s[start] < doubt)) {
                continue;
            }
            double sum = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                sum += doubt - s[i];
                int c = i % columns;
                int r = i / columns;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int cc = c + dc;
                        int rr = r + dr;
                        int j = rr * columns + cc;
                        if (cc >= 0 && rr >= 0 && cc < columns && rr < rows && !seen[j] && s[j] < doubt) {
                            seen[j] = true;
                            queue.add(j);
                        }
                    }
                }
            }
            strongest = Math.max(strongest, sum);
        }
        return strongest;
    }

    static double median(float[] values) {
        double[] compared = new double[values.length];
        int n = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                compared[n++] = v;
            }
        }
        if (n == 0) {
            return 0;
        }
        double[] sorted = java.util.Arrays.copyOf(compared, n);
        java.util.Arrays.sort(sorted);
        return sorted[n / 2];
    }
}
