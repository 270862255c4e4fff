package dev.custody.firmware.elf;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;

/**
 * One entry of a SELF payload's segment table ({@code struct cbfs_payload_segment}, 28 bytes,
 * big-endian): type, compression, offset, 64-bit load address, stored length, memory length.
 * The table ends with an {@code ENTR} segment whose load address is the entry point.
 */
public record PayloadSegment(Type type, int compression, int offset, long loadAddress, int length, int memoryLength) {
    public static final int SIZE = 28;

    /** The segment kinds, by their big-endian ASCII tags. */
    public enum Type {
        CODE(0x434f4445), DATA(0x44415441), BSS(0x42535320), PARAMS(0x50415241), ENTRY(0x454e5452);

        private final int tag;

        Type(int tag) {
            this.tag = tag;
        }

        static Type of(int tag, String structure, long offset) {
            for (Type type : values()) {
                if (type.tag == tag) {
                    return type;
                }
            }
            throw new ImageFormatException(structure, offset, "payload segment type 0x" + Integer.toHexString(tag)
                    + " is none of CODE, DATA, BSS , PARA, ENTR");
        }
    }

    static PayloadSegment read(byte[] payload, int at, String structure, long base) {
        String what = structure + " segment";
        Bytes.require(payload, at, SIZE, what, "segment header");
        return new PayloadSegment(Type.of(Bytes.u32be(payload, at, what, "type"), structure, base + at),
                Bytes.u32be(payload, at + 4, what, "compression"), Bytes.u32be(payload, at + 8, what, "offset"),
                Bytes.u64be(payload, at + 12, what, "load_addr"), Bytes.u32be(payload, at + 20, what, "len"),
                Bytes.u32be(payload, at + 24, what, "mem_len"));
    }

    public byte[] toBytes() {
        byte[] out = new byte[SIZE];
        Bytes.putU32be(out, 0, type.tag);
        Bytes.putU32be(out, 4, compression);
        Bytes.putU32be(out, 8, offset);
        Bytes.putU64be(out, 12, loadAddress);
        Bytes.putU32be(out, 20, length);
        Bytes.putU32be(out, 24, memoryLength);
        return out;
    }
}
