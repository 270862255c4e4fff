package dev.custody.boot.manifest;

/** A /boot file that differs from the signed manifest, and what kind of file it is. */
public record Change(Kind kind, String file, FileClass fileClass) {
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }
}
