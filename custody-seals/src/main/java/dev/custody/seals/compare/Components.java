package dev.custody.seals.compare;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The 4-connected components of a pixel mask.
 *
 * @param label each pixel's component, numbered from 1 in scan order; 0 off the mask
 * @param sizes each component's pixel count, by its number (index 0 unused)
 */
record Components(int[] label, int[] sizes) {

    static Components of(boolean[] on, int w, int h) {
        int[] label = new int[on.length];
        int[] sizes = new int[16];
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < on.length; start++) {
            if (!on[start] || label[start] != 0) {
                continue;
            }
            next++;
            int size = 0;
            label[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                size++;
                int x = i % w;
                int y = i / w;
                for (int j : new int[] {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1}) {
                    if (j >= 0 && on[j] && label[j] == 0) {
                        label[j] = next;
                        queue.add(j);
                    }
                }
            }
            if (next >= sizes.length) {
                sizes = Arrays.copyOf(sizes, 2 * sizes.length);
            }
            sizes[next] = size;
        }
        return new Components(label, Arrays.copyOf(sizes, next + 1));
    }

    /** The largest component (the first of equals in scan order); nothing if the mask is empty. */
    boolean[] largest() {
        int best = 0;
        for (int k = 1; k < sizes.length; k++) {
            if (sizes[k] > sizes[best]) {
                best = k;
            }
        }
        int chosen = best;
        return where(k -> k == chosen);
    }

    /** The components of at least this many pixels. */
    boolean[] atLeast(int pixels) {
        return where(k -> sizes[k] >= pixels);
    }

    private boolean[] where(IntPredicate kept) {
        boolean[] out = new boolean[label.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = label[i] != 0 && kept.test(label[i]);
        }
        return out;
    }
}
