package dev.custody.firmware.elf;

/** One section header ({@code Elf32_Shdr}/{@code Elf64_Shdr}). */
record SectionHeader(int nameOffset, int type, long flags, long address, long offset, long size, int link, int info,
                     long alignment, long entrySize) {
    static final int SHT_NULL = 0;
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_NOTE = 7;
    static final int SHT_NOBITS = 8;
    static final int SHT_REL = 9;
    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;

    /** A section of {@code type} at {@code address}, before the writer places it in the file. */
    static SectionHeader of(int type, long flags, long address, long size) {
        return new SectionHeader(0, type, flags, address, 0, size, 0, 0, 0, 0);
    }

    static int size(boolean is64Bit) {
        return is64Bit ? 64 : 40;
    }

    boolean isAllocated() {
        return (flags & SHF_ALLOC) != 0;
    }

    SectionHeader placed(int newNameOffset, long newOffset) {
        return new SectionHeader(newNameOffset, type, flags, address, newOffset, size, link, info, alignment, entrySize);
    }

    void write(ElfBuffer out) {
        out.u32(nameOffset).u32(type).word(flags).word(address).word(offset).word(size).u32(link).u32(info)
                .word(alignment).word(entrySize);
    }
}
