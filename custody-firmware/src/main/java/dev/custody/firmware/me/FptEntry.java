package dev.custody.firmware.me;

import dev.custody.firmware.Bytes;

/** One ME partition table entry (32 bytes, little-endian); offsets are relative to the ME region. */
public record FptEntry(String name, String owner, int offset, int length, int flags) {
    static final int SIZE = 32;
    private static final String STRUCTURE = "ME $FPT entry";
    private static final int TYPE_MASK = 0x7f;
    private static final int TYPE_EFFS = 4;

    static FptEntry read(byte[] image, int at) {
        return new FptEntry(Bytes.cString(image, at, 4, STRUCTURE, "name"), Bytes.cString(image, at + 4, 4, STRUCTURE, "owner"),
                Bytes.u32le(image, at + 8, STRUCTURE, "offset"), Bytes.u32le(image, at + 12, STRUCTURE, "length"),
                Bytes.u32le(image, at + 28, STRUCTURE, "flags"));
    }

    /** Entries whose flags' top byte is 0xFF are marked invalid by the ME tools. */
    public boolean valid() {
        return (flags >>> 24 & 0xff) != 0xff;
    }

    /** The flash file system partitions (EFFS type, or the MFS/FLOG names) that hold ME state. */
    public boolean holdsFileSystem() {
        return (flags & TYPE_MASK) == TYPE_EFFS || name.equals("MFS") || name.equals("EFFS");
    }

    public long end() {
        return Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(length);
    }
}
