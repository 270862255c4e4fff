package dev.custody.seals.compare;

import java.util.HashMap;
import java.util.Map;

/** A full-resolution image and its box-averaged reductions, made on demand. */
public final class Pyramid {
    private final Gray full;
    private final Map<Integer, Gray> levels = new HashMap<>();

    public Pyramid(Gray full) {
        this.full = full;
        levels.put(1, full);
    }

    public Gray full() {
        return full;
    }

    public synchronized Gray level(int factor) {
        return levels.computeIfAbsent(factor, f -> GrayOps.shrink(full, f));
    }

    /** Maps full-resolution pixel coordinates to a level's (box centres move by (k-1)/2). */
    public static Homography fullToLevel(int factor) {
        double s = 1.0 / factor;
        return new Homography(new double[] {s, 0, -(factor - 1) / (2.0 * factor), 0, s, -(factor - 1) / (2.0 * factor), 0, 0, 1});
    }
}
