package dev.custody.firmware.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sequential little-endian writes into a window of the output file. A "word" is 4 bytes in an
 * ELFCLASS32 file and 8 in an ELFCLASS64 one; 32-bit files keep only the low half of a value, as
 * cbfstool's writer does when it stores its 64-bit fields.
 */
final class ElfBuffer {
    private final ByteBuffer buffer;
    private final boolean is64Bit;

    ElfBuffer(byte[] file, int offset, boolean is64Bit) {
        this.buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).position(offset);
        this.is64Bit = is64Bit;
    }

    boolean is64Bit() {
        return is64Bit;
    }

    ElfBuffer u8(int value) {
        buffer.put((byte) value);
        return this;
    }

    ElfBuffer u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    ElfBuffer u32(long value) {
        buffer.putInt((int) value);
        return this;
    }

    ElfBuffer u64(long value) {
        buffer.putLong(value);
        return this;
    }

    ElfBuffer word(long value) {
        return is64Bit ? u64(value) : u32(value);
    }

    ElfBuffer bytes(byte[] value) {
        buffer.put(value);
        return this;
    }
}
