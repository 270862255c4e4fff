package dev.custody.seals.compare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tampering changes a connected patch (a gap, a line, a repainted area); sparkle flicker and noise
 * change scattered single cells. So evidence is summed over connected groups of doubtful cells;
 * {@link FlakeEvidence} then keeps only the groups that the flakes' positions confirm.
 */
final class ChangeEvidence {
    /** Cells less alike than this are doubtful. */
    static final double DOUBT = 0.75;
    /** How far below the pair's median similarity a cell must fall to be doubtful. */
    static final double MARGIN = 0.12;

    private ChangeEvidence() {}

    /** A connected group of doubtful cells and its evidence, the sum of (doubt - similarity) over them. */
    record Group(int[] cells, double sum) {}

    /**
     * The 8-connected groups of doubtful cells, strongest first. The doubt level follows the pair's
     * typical similarity, so a photo that is a little worse everywhere (blur, noise, JPEG) is not
     * mistaken for one that is changed somewhere.
     */
    static List<Group> groups(CellMap cells, boolean[] core) {
        int columns = cells.columns();
        int rows = cells.rows();
        float[] s = cells.similarity();
        double doubt = Math.min(DOUBT, median(onlyCore(s, core)) - MARGIN);
        boolean[] seen = new boolean[s.length];
        List<Group> groups = new ArrayList<>();
        for (int start = 0; start < s.length; start++) {
            if (seen[start] || !(s[start] < doubt)) {
                continue;
            }
            double sum = 0;
            List<Integer> members = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                members.add(i);
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
            groups.add(new Group(members.stream().mapToInt(Integer::intValue).toArray(), sum));
        }
        groups.sort(Comparator.comparingDouble(Group::sum).reversed());
        return groups;
    }

    /**
     * The similarities of the seal's own cells: the margin and the case around a seal match far
     * better than glitter does, and must not set what is typical for the glitter.
     */
    private static float[] onlyCore(float[] s, boolean[] core) {
        float[] out = new float[s.length];
        boolean any = false;
        for (int i = 0; i < s.length; i++) {
            out[i] = core[i] ? s[i] : Float.NaN;
            any |= core[i] && !Float.isNaN(s[i]);
        }
        return any ? out : s;
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
