package dev.custody.firmware.flash;

/** Flashing was refused or failed; the message says what to do next. */
public final class FlashException extends RuntimeException {
    public FlashException(String message) {
        super(message);
    }
}
