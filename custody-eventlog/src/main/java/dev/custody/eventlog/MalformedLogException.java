package dev.custody.eventlog;

import dev.custody.common.TerminalText;

/**
 * The input is not a measurement log Custody can read. The message is one line that names what
 * failed: the event index, the byte offset and the field. Text quoted from the log is the log's
 * own, so control characters in it are shown escaped.
 */
public final class MalformedLogException extends RuntimeException {
    public MalformedLogException(String message) {
        super(TerminalText.escape(message));
    }
}
