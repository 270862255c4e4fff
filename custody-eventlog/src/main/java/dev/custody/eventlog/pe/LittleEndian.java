package dev.custody.eventlog.pe;

/** Bounds-checked little-endian reads that fail naming the PE field, not with an index exception. */
final class LittleEndian {
    private LittleEndian() {}

    static int u16(byte[] image, long offset, String field) {
        check(image, offset, 2, field);
        int at = (int) offset;
        return (image[at] & 0xff) | (image[at + 1] & 0xff) << 8;
    }

    static long u32(byte[] image, long offset, String field) {
        check(image, offset, 4, field);
        int at = (int) offset;
        return (image[at] & 0xffL) | (image[at + 1] & 0xffL) << 8 | (image[at + 2] & 0xffL) << 16
                | (image[at + 3] & 0xffL) << 24;
    }

    static void check(byte[] image, long offset, long length, String field) {
        if (offset < 0 || length < 0 || offset + length > image.length) {
            throw new MalformedImageException(String.format("%s at offset 0x%x: the image ends at 0x%x (truncated?)",
                    field, offset, image.length));
        }
    }
}
