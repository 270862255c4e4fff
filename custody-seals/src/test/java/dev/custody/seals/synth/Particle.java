package dev.custody.seals.synth;

/**
 * One glitter flake in seal coordinates (origin at the dome's centre). It is a regular polygon with
 * a diffuse colour, plus a mirror-like facet whose normal decides when it sparkles.
 */
public record Particle(double x, double y, double radius, double angle, int sides,
                       float red, float green, float blue, double normalX, double normalY) {

    public Particle movedBy(double dx, double dy, double turn) {
        return new Particle(x + dx, y + dy, radius, angle + turn, sides, red, green, blue, normalX, normalY);
    }
}
