package dev.custody.firmware.elf;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The machines cbfstool 4.15 can write an ELF file for ({@code -m}), with the names it accepts.
 * cbfstool never guesses the machine from the image, so neither does Custody. All of them are
 * little-endian; only arm64 is a 64-bit ELF class (riscv is written as ELFCLASS32 too).
 *
 * The relocation type is the one cbfstool writes into an rmodule's {@code .rel} section; for
 * riscv its own elf.h says 2 (R_RISCV_32 is 1 in the RISC-V ABI), and Custody writes what cbfstool writes.
 */
public enum ElfArchitecture {
    X86("x86", 3, false, 1),
    ARM("arm", 40, false, 2),
    ARM64("arm64", 183, true, 257),
    MIPS("mips", 8, false, 2),
    RISCV("riscv", 243, false, 2);

    private final String cbfstoolName;
    private final int machine;
    private final boolean is64Bit;
    private final int relocationType;

    ElfArchitecture(String cbfstoolName, int machine, boolean is64Bit, int relocationType) {
        this.cbfstoolName = cbfstoolName;
        this.machine = machine;
        this.is64Bit = is64Bit;
        this.relocationType = relocationType;
    }

    /** The architecture cbfstool's {@code -m NAME} selects; names are compared ignoring case, as cbfstool does. */
    public static Optional<ElfArchitecture> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.cbfstoolName.equals(lower)).findFirst();
    }

    public String cbfstoolName() {
        return cbfstoolName;
    }

    int machine() {
        return machine;
    }

    boolean is64Bit() {
        return is64Bit;
    }

    int relocationType() {
        return relocationType;
    }
}
