package dev.custody.seals.synth;

import java.util.Random;

/**
 * The seal designs, in seal coordinates (origin at the seal's centre, {@link SealDesign#DOME_RADIUS}
 * as the unit of size): glitter polish in a dome over a screw, a strip of glitter polish across a
 * seam between two case parts, and a glitter sticker over a seam.
 */
public enum SealShape {
    ROUND("round", 1.0, 0.08),
    STRIP("strip", Math.hypot(1.15, 0.32), 0.03),
    STICKER("sticker", Math.hypot(0.85, 0.55), 0.0);

    private static final double R = SealDesign.DOME_RADIUS;
    private static final double STRIP_HALF_LENGTH = 1.15 * R;
    private static final double STRIP_HALF_WIDTH = 0.32 * R;
    private static final double STICKER_HALF_WIDTH = 0.85 * R;
    private static final double STICKER_HALF_HEIGHT = 0.55 * R;
    private static final double STICKER_CORNER = 0.12 * R;

    private final String word;
    private final double reach;
    private final double height;

    SealShape(String word, double reach, double height) {
        this.word = word;
        this.reach = reach;
        this.height = height;
    }

    public String word() {
        return word;
    }

    /** The largest distance of the seal's edge from its centre, in seal units. */
    public double reach() {
        return reach * R;
    }

    /** How high the seal's surface stands at (x, y) above the case: the parallax of its glitter. */
    double height(double x, double y) {
        if (this != ROUND) {
            return contains(x, y) ? height * R : 0;
        }
        double r2 = (x * x + y * y) / (R * R);
        return r2 < 1 ? height * R * (1 - r2) : 0;
    }

    /** Whether the point is on the seal (polish or sticker). */
    public boolean contains(double x, double y) {
        return distanceInside(x, y) > 0;
    }

    /** How far inside the seal's edge the point is (negative outside), in seal units. */
    double distanceInside(double x, double y) {
        return switch (this) {
            case ROUND -> R - Math.hypot(x, y);
            case STRIP -> Math.min(STRIP_HALF_LENGTH - Math.abs(x), STRIP_HALF_WIDTH - Math.abs(y));
            case STICKER -> {
                double qx = Math.abs(x) - (STICKER_HALF_WIDTH - STICKER_CORNER);
                double qy = Math.abs(y) - (STICKER_HALF_HEIGHT - STICKER_CORNER);
                double outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0);
                yield STICKER_CORNER - outside;
            }
        };
    }

    /** A random point at least {@code margin} seal units inside the edge. */
    double[] randomPoint(Random random, double margin) {
        while (true) {
            double x = (2 * random.nextDouble() - 1) * reach();
            double y = (2 * random.nextDouble() - 1) * reach();
            if (distanceInside(x, y) >= margin) {
                return new double[] {x, y};
            }
        }
    }

    /** Points on the edge, for the region an owner would mark around the seal. */
    double[][] outline(int points) {
        double[][] out = new double[points][];
        for (int i = 0; i < points; i++) {
            double a = 2 * Math.PI * i / points;
            double lo = 0;
            double hi = 1.01 * reach();
            for (int k = 0; k < 30; k++) {
                double mid = (lo + hi) / 2;
                if (contains(mid * Math.cos(a), mid * Math.sin(a))) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out[i] = new double[] {lo * Math.cos(a), lo * Math.sin(a)};
        }
        return out;
    }
}
