package dev.custody.firmware.elf;

import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import java.util.Optional;

/**
 * What {@code cbfstool extract} 4.15 writes for a CBFS file: stages (type 0x11) and SELF payloads
 * as ELF files for the machine given with {@code -m}, every other file decompressed.
 */
public final class Extraction {
    private Extraction() {}

    /** Whether the file becomes an ELF file, which needs an architecture. */
    public static boolean needsArchitecture(CbfsFile file) {
        return file.type() == CbfsType.Known.STAGE || file.type() == CbfsType.Known.SELF;
    }

    /**
     * The extracted bytes; {@code architecture} is required exactly when {@link
     * #needsArchitecture} says so, as cbfstool refuses such files without {@code -m}.
     */
    public static byte[] contents(CbfsFile file, Optional<ElfArchitecture> architecture) {
        if (!needsArchitecture(file)) {
            return file.contents();
        }
        ElfArchitecture machine = architecture.orElseThrow(() -> new IllegalArgumentException("CBFS file '"
                + file.name() + "' is a " + file.type().cbfstoolName()
                + ", which is extracted as an ELF file for a given architecture (x86, arm, arm64, mips, riscv)"));
        return file.type() == CbfsType.Known.STAGE ? StageElf.of(file, machine) : PayloadElf.of(file, machine);
    }
}
