package dev.custody.seals.compare;

import dev.custody.seals.Region;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Groups changed cells into boxes (8-connected components), in the photo's pixels. */
final class ChangedRegions {
    private ChangedRegions() {}

    /**
     * @param changedPixels filled in: true for frame pixels inside a changed region
     */
    static List<Region> find(CellMap cells, double threshold, Frame frame, boolean[] changedPixels) {
        int columns = cells.columns();
        int rows = cells.rows();
        boolean[] changed = new boolean[columns * rows];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = cells.similarity()[i] < threshold;
        }
        if (!any(changed)) {
            changed[worstCell(cells)] = true;
        }
        boolean[] seen = new boolean[changed.length];
        List<Region> regions = new ArrayList<>();
        for (int start = 0; start < changed.length; start++) {
            if (!changed[start] || seen[start]) {
                continue;
            }
            int minC = columns, minR = rows, maxC = -1, maxR = -1;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int c = i % columns;
                int r = i / columns;
                minC = Math.min(minC, c);
                maxC = Math.max(maxC, c);
                minR = Math.min(minR, r);
                maxR = Math.max(maxR, r);
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int cc = c + dc;
                        int rr = r + dr;
                        int j = rr * columns + cc;
                        if (cc >= 0 && rr >= 0 && cc < columns && rr < rows && changed[j] && !seen[j]) {
                            seen[j] = true;
                            queue.add(j);
                        }
                    }
                }
            }
            int cell = cells.cell();
            int x = minC * cell;
            int y = minR * cell;
            int w = Math.min(frame.width(), (maxC + 1) * cell) - x;
            int h = Math.min(frame.height(), (maxR + 1) * cell) - y;
            regions.add(frame.toPhoto(x, y, w, h));
            for (int py = y; py < y + h; py++) {
                for (int px = x; px < x + w; px++) {
                    changedPixels[py * frame.width() + px] = true;
                }
            }
        }
        return regions;
    }

    private static boolean any(boolean[] values) {
        for (boolean v : values) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    private static int worstCell(CellMap cells) {
        int worst = 0;
        float lowest = Float.MAX_VALUE;
        for (int i = 0; i < cells.similarity().length; i++) {
            float s = cells.similarity()[i];
            if (!Float.isNaN(s) && s < lowest) {
                lowest = s;
                worst = i;
            }
        }
        return worst;
    }
}
