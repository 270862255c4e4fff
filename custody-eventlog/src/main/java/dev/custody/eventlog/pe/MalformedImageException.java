package dev.custody.eventlog.pe;

import dev.custody.common.TerminalText;

/**
 * The input is not a PE/COFF image Custody can hash; the message names the field and its offset,
 * with any control character quoted from the image shown escaped.
 */
public final class MalformedImageException extends RuntimeException {
    public MalformedImageException(String message) {
        super(TerminalText.escape(message));
    }
}
