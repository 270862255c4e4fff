package dev.custody.firmware.elf;

/** One {@code PT_LOAD} program header ({@code Elf32_Phdr}/{@code Elf64_Phdr}); the two classes order the fields differently. */
record ProgramHeader(long offset, long address, long fileSize, long memorySize, int flags, long alignment) {
    private static final int PT_LOAD = 1;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;

    static int size(boolean is64Bit) {
        return is64Bit ? 56 : 32;
    }

    void write(ElfBuffer out) {
        if (out.is64Bit()) {
            out.u32(PT_LOAD).u32(flags).u64(offset).u64(address).u64(address).u64(fileSize).u64(memorySize)
                    .u64(alignment);
        } else {
            out.u32(PT_LOAD).u32(offset).u32(address).u32(address).u32(fileSize).u32(memorySize).u32(flags)
                    .u32(alignment);
        }
    }
}
