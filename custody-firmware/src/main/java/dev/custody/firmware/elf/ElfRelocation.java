package dev.custody.firmware.elf;

/** One {@code Elf32_Rel}/{@code Elf64_Rel} entry: where to patch, against which symbol, how. */
record ElfRelocation(long offset, int symbolIndex, int type) {
    static int size(boolean is64Bit) {
        return is64Bit ? 16 : 8;
    }

    void write(ElfBuffer out) {
        if (out.is64Bit()) {
            out.u64(offset).u64(((long) symbolIndex << 32) | Integer.toUnsignedLong(type));
        } else {
            out.u32(offset).u32(((long) symbolIndex << 8) | (type & 0xff));
        }
    }
}
