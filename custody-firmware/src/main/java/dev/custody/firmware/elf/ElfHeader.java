package dev.custody.firmware.elf;

/**
 * The ELF file header ({@code Elf32_Ehdr}/{@code Elf64_Ehdr}) of an executable as cbfstool
 * writes it: little-endian, version 1, System V ABI, no flags.
 */
record ElfHeader(ElfArchitecture architecture, long entry, long programHeaderOffset, long sectionHeaderOffset,
                 int programHeaderCount, int sectionHeaderCount, int sectionNameTableIndex) {
    private static final int ELFCLASS32 = 1;
    private static final int ELFCLASS64 = 2;
    private static final int ELFDATA2LSB = 1;
    private static final int EV_CURRENT = 1;
    private static final int ET_EXEC = 2;

    static int size(boolean is64Bit) {
        return is64Bit ? 64 : 52;
    }

    void write(ElfBuffer out) {
        boolean is64Bit = architecture.is64Bit();
        out.u8(0x7f).u8('E').u8('L').u8('F').u8(is64Bit ? ELFCLASS64 : ELFCLASS32).u8(ELFDATA2LSB).u8(EV_CURRENT)
                .bytes(new byte[9]);
        out.u16(ET_EXEC).u16(architecture.machine()).u32(EV_CURRENT);
        out.word(entry).word(programHeaderOffset).word(sectionHeaderOffset);
        out.u32(0).u16(size(is64Bit)).u16(ProgramHeader.size(is64Bit)).u16(programHeaderCount)
                .u16(SectionHeader.size(is64Bit)).u16(sectionHeaderCount).u16(sectionNameTableIndex);
    }
}
