package dev.custody.eventlog;

/**
 * The input is not a measurement log Custody can read. The message is one line that names what
 * failed: the event index, the byte offset and the field.
 */
public final class MalformedLogException extends RuntimeException {
    public MalformedLogException(String message) {
        super(message);
    }
}
