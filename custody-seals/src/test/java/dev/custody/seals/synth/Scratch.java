package dev.custody.seals.synth;

/** A straight groove cut through the polish, in seal coordinates. */
public record Scratch(double x0, double y0, double x1, double y1, double width) {

    public double distanceTo(double x, double y) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double t = ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy);
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
    }
}
