package dev.custody.seals.synth;

/** The part of a seal a tampering changed, in seal coordinates (the ground truth). */
@FunctionalInterface
public interface ChangeMask {
    boolean contains(double x, double y);

    static ChangeMask disc(double cx, double cy, double radius) {
        return (x, y) -> Math.hypot(x - cx, y - cy) < radius;
    }

    default ChangeMask or(ChangeMask other) {
        return (x, y) -> contains(x, y) || other.contains(x, y);
    }
}
