package dev.custody.firmware;

import dev.custody.common.TerminalText;

/**
 * A firmware image, or one structure inside it, is not what it claims to be. The message always
 * names the structure, where it sits in the image and which field is wrong, so that one line on
 * the terminal is enough to find the problem with a hex editor. Names quoted from the image (an
 * FMAP area's, a CBFS file's) are the image's own bytes, so control characters are shown escaped.
 */
public final class ImageFormatException extends RuntimeException {
    public ImageFormatException(String structure, long offset, String problem) {
        super(TerminalText.escape(structure + " at offset 0x" + Long.toHexString(offset) + ": " + problem));
    }

    public ImageFormatException(String structure, long offset, String problem, Throwable cause) {
        super(TerminalText.escape(structure + " at offset 0x" + Long.toHexString(offset) + ": " + problem), cause);
    }
}
