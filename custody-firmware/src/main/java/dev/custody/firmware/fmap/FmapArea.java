package dev.custody.firmware.fmap;

import dev.custody.firmware.Bytes;

/** One area of the flash map: {@code struct fmap_area} (42 bytes, little-endian). */
public record FmapArea(String name, int offset, int size, int flags) {
    static final int SIZE = 42;
    static final int NAME_LENGTH = 32;

    static FmapArea read(byte[] image, int at) {
        String structure = "FMAP area";
        int offset = Bytes.u32le(image, at, structure, "offset");
        int size = Bytes.u32le(image, at + 4, structure, "size");
        String name = Bytes.cString(image, at + 8, NAME_LENGTH, structure, "name");
        int flags = Bytes.u16le(image, at + 40, structure, "flags");
        return new FmapArea(name, offset, size, flags);
    }

    void write(byte[] out, int at) {
        Bytes.putU32le(out, at, offset);
        Bytes.putU32le(out, at + 4, size);
        Bytes.putCString(out, at + 8, NAME_LENGTH, name);
        Bytes.putU16le(out, at + 40, flags);
    }

    public long end() {
        return Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(size);
    }

    public boolean contains(FmapArea other) {
        return Integer.toUnsignedLong(offset) <= Integer.toUnsignedLong(other.offset) && other.end() <= end();
    }

    public boolean overlaps(FmapArea other) {
        return Integer.toUnsignedLong(offset) < other.end() && Integer.toUnsignedLong(other.offset) < end();
    }
}
