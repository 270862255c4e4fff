package dev.custody.firmware.diff;

/** How an item differs between two images. */
public enum Change {
    ADDED,
    REMOVED,
    CHANGED
}
