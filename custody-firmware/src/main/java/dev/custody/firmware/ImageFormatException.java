package dev.custody.firmware;

/**
 * A firmware image, or one structure inside it, is not what it claims to be. The message always
 * names the structure, where it sits in the image and which field is wrong, so that one line on
 * the terminal is enough to find the problem with a hex editor.
 */
public final class ImageFormatException extends RuntimeException {
    public ImageFormatException(String structure, long offset, String problem) {
        super(structure + " at offset 0x" + Long.toHexString(offset) + ": " + problem);
    }

    public ImageFormatException(String structure, long offset, String problem, Throwable cause) {
        super(structure + " at offset 0x" + Long.toHexString(offset) + ": " + problem, cause);
    }
}
