package dev.custody.firmware.cbfs;

import dev.custody.firmware.Bytes;

/**
 * The legacy CBFS master header ({@code struct cbfs_header}, 32 bytes, big-endian, magic
 * {@code ORBC}). On x86 the last 4 bytes of the image point at it.
 */
public record CbfsMasterHeader(int version, int romSize, int bootblockSize, int alignment, int offset,
                               int architecture) {
    static final int MAGIC = 0x4f524243;
    static final int SIZE = 32;
    private static final String STRUCTURE = "CBFS master header";

    static boolean isAt(byte[] image, int at) {
        return at >= 0 && at + SIZE <= image.length && Bytes.u32be(image, at, STRUCTURE, "magic") == MAGIC;
    }

    static CbfsMasterHeader read(byte[] image, int at) {
        Bytes.require(image, at, SIZE, STRUCTURE, "header");
        return new CbfsMasterHeader(Bytes.u32be(image, at + 4, STRUCTURE, "version"),
                Bytes.u32be(image, at + 8, STRUCTURE, "romsize"), Bytes.u32be(image, at + 12, STRUCTURE, "bootblocksize"),
                Bytes.u32be(image, at + 16, STRUCTURE, "align"), Bytes.u32be(image, at + 20, STRUCTURE, "offset"),
                Bytes.u32be(image, at + 24, STRUCTURE, "architecture"));
    }
}
