package dev.custody.eventlog.pe;

/** The input is not a PE/COFF image Custody can hash; the message names the field and its offset. */
public final class MalformedImageException extends RuntimeException {
    public MalformedImageException(String message) {
        super(message);
    }
}
