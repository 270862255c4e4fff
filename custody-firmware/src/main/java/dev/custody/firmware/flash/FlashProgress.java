package dev.custody.firmware.flash;

/** Told about each step of a safe flash, so that a terminal can show a progress bar. */
public interface FlashProgress {
    FlashProgress NONE = (step, total, description) -> { };

    void step(int step, int total, String description);
}
