package dev.custody.firmware.elf;

/** One symbol table entry ({@code Elf32_Sym}/{@code Elf64_Sym}); the two classes order the fields differently. */
record ElfSymbol(int nameOffset, long value, long size, int binding, int type, int sectionIndex) {
    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STT_NOTYPE = 0;
    static final int STT_SECTION = 3;
    static final ElfSymbol UNDEFINED = new ElfSymbol(0, 0, 0, STB_LOCAL, STT_NOTYPE, 0);

    static int size(boolean is64Bit) {
        return is64Bit ? 24 : 16;
    }

    void write(ElfBuffer out) {
        int info = (binding << 4) | (type & 0xf);
        if (out.is64Bit()) {
            out.u32(nameOffset).u8(info).u8(0).u16(sectionIndex).u64(value).u64(size);
        } else {
            out.u32(nameOffset).u32(value).u32(size).u8(info).u8(0).u16(sectionIndex);
        }
    }
}
