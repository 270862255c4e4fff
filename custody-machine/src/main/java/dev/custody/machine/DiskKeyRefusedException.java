package dev.custody.machine;

/** The disk unlock key was not released; the message says why in words the owner can act on. */
public final class DiskKeyRefusedException extends IllegalStateException {
    /** Why, so that callers can react (e.g. offer the recovery passphrase, or ask again). */
    public enum Reason {
        NOT_SET_UP, RECOVERY_MODE, ALREADY_USED, HEADER_CHANGED, MEASUREMENTS_CHANGED, WRONG_PASSPHRASE, LOCKED_OUT
    }

    private final Reason reason;

    public DiskKeyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
