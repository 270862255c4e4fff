package dev.custody.firmware.elf;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.cbfs.CbfsAttribute;
import dev.custody.firmware.cbfs.CbfsFile;
import java.util.Arrays;

/**
 * A CBFS stage (type 0x11, coreboot 4.14+) turned back into an ELF file as {@code cbfstool
 * extract -m ARCH} 4.15 does it. An rmodule becomes a {@code .program} section with its symbols
 * and relocations; any other stage a {@code .program} section at the stage header's load address,
 * plus a {@code .empty} NOBITS section for the rest of memlen. Legacy stages (type 0x10, the
 * header inside the data) have no conversion in cbfstool 4.15, which extracts them raw.
 */
public final class StageElf {
    private static final String PROGRAM = ".program";
    private static final String EMPTY = ".empty";

    private StageElf() {}

    public static byte[] of(CbfsFile stage, ElfArchitecture architecture) {
        String structure = "CBFS stage '" + stage.name() + "'";
        long offset = stage.offset() + stage.dataOffset();
        CbfsAttribute.StageHeader header = stage.attributes().stream()
                .filter(CbfsAttribute.StageHeader.class::isInstance).map(CbfsAttribute.StageHeader.class::cast)
                .findFirst().orElseThrow(() -> new ImageFormatException(structure, stage.offset(),
                        "no stage header attribute (StgH) among the file's attributes"));
        byte[] data = stage.contents();
        return RmoduleHeader.startsWith(data) ? fromRmodule(data, architecture, structure, offset)
                : fromProgram(data, header, architecture, structure, offset);
    }

    private static byte[] fromProgram(byte[] data, CbfsAttribute.StageHeader header, ElfArchitecture architecture,
                                      String structure, long offset) {
        long memoryLength = Integer.toUnsignedLong(header.memoryLength());
        if (memoryLength < data.length) {
            throw new ImageFormatException(structure, offset, "stage header memlen 0x" + Long.toHexString(memoryLength)
                    + " is smaller than the stage's 0x" + Integer.toHexString(data.length) + " bytes");
        }
        long load = header.loadAddress();
        ElfWriter writer = new ElfWriter(architecture, load + Integer.toUnsignedLong(header.entryOffset()));
        writer.addSection(PROGRAM, SectionHeader.of(SectionHeader.SHT_PROGBITS,
                SectionHeader.SHF_WRITE | SectionHeader.SHF_ALLOC | SectionHeader.SHF_EXECINSTR, load, data.length),
                data, structure, offset);
        if (memoryLength != data.length) {
            // cbfstool 4.15 takes this address from ntohl() of the 64-bit loadaddr, which keeps
            // only its upper half: on every machine with code below 4 GiB the section starts at
            // the data size, not after the program. Mirrored so that the bytes stay equal.
            writer.addSection(EMPTY, SectionHeader.of(SectionHeader.SHT_NOBITS,
                    SectionHeader.SHF_WRITE | SectionHeader.SHF_ALLOC, (load >>> 32) + data.length,
                    memoryLength - data.length), new byte[0], structure, offset);
        }
        return writer.serialize();
    }

    private static byte[] fromRmodule(byte[] data, ElfArchitecture architecture, String structure, long offset) {
        RmoduleHeader rmodule = RmoduleHeader.read(data, structure, offset);
        ElfWriter writer = new ElfWriter(architecture, rmodule.entry());
        long payloadSize = rmodule.payloadSize();
        byte[] payload = Arrays.copyOfRange(data, (int) rmodule.payloadBegin(), (int) rmodule.payloadEnd());
        writer.addSection(PROGRAM, SectionHeader.of(SectionHeader.SHT_PROGBITS,
                SectionHeader.SHF_WRITE | SectionHeader.SHF_ALLOC | SectionHeader.SHF_EXECINSTR, rmodule.linkStart(),
                payloadSize), payload, structure, offset);
        long sectionSymbol = rmodule.linkStart();
        if (payloadSize != rmodule.programSize()) {
            sectionSymbol = rmodule.linkStart() + payloadSize;
            writer.addSection(EMPTY, SectionHeader.of(SectionHeader.SHT_NOBITS,
                    SectionHeader.SHF_WRITE | SectionHeader.SHF_ALLOC, sectionSymbol,
                    rmodule.programSize() - payloadSize), new byte[0], structure, offset);
        }
        // cbfstool gives the section symbol the address of the last section it added.
        writer.addSymbol(PROGRAM, PROGRAM, sectionSymbol, ElfSymbol.STB_LOCAL, ElfSymbol.STT_SECTION);
        if (rmodule.parametersBegin() != rmodule.parametersEnd()) {
            writer.addSymbol("_rmodule_params", PROGRAM, rmodule.parametersBegin(), ElfSymbol.STB_GLOBAL, ElfSymbol.STT_NOTYPE);
            writer.addSymbol("_ermodule_params", PROGRAM, rmodule.parametersEnd(), ElfSymbol.STB_GLOBAL, ElfSymbol.STT_NOTYPE);
        }
        writer.addSymbol("_bss", PROGRAM, rmodule.bssBegin(), ElfSymbol.STB_GLOBAL, ElfSymbol.STT_NOTYPE);
        writer.addSymbol("_ebss", PROGRAM, rmodule.bssEnd(), ElfSymbol.STB_GLOBAL, ElfSymbol.STT_NOTYPE);
        int width = architecture.is64Bit() ? 8 : 4;
        long relocationBytes = rmodule.relocationsEnd() - rmodule.relocationsBegin();
        if (relocationBytes % width != 0) {
            throw new ImageFormatException(structure, offset, "rmodule relocations (0x" + Long.toHexString(relocationBytes)
                    + " bytes) are not a whole number of " + width + "-byte addresses");
        }
        for (int at = (int) rmodule.relocationsBegin(); at < rmodule.relocationsEnd(); at += width) {
            long address = width == 8 ? Bytes.u64le(data, at, structure, "rmodule relocation")
                    : Integer.toUnsignedLong(Bytes.u32le(data, at, structure, "rmodule relocation"));
            // Relocations below the link address are dropped by cbfstool.
            if (Long.compareUnsigned(address, rmodule.linkStart()) >= 0) {
                writer.addRelocation(PROGRAM, address);
            }
        }
        return writer.serialize();
    }
}
