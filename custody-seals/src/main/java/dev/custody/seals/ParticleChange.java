package dev.custody.seals;

/** One bright glitter particle that is missing, added or moved, in the new photo's coordinates. */
public record ParticleChange(Kind kind, double x, double y) {
    public enum Kind { MISSING, ADDED, MOVED }
}
