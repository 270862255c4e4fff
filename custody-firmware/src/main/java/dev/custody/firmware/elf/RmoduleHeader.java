package dev.custody.firmware.elf;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;

/**
 * The header coreboot's rmodtool puts in front of a relocatable module (ramstage, SMM handlers):
 * 16-bit magic 0xf8fe, version 1, type, then little-endian 32-bit offsets into the module and its
 * link-time addresses, padded to 64 bytes. Offsets are relative to the header's start.
 */
record RmoduleHeader(long payloadBegin, long payloadEnd, long relocationsBegin, long relocationsEnd,
                     long linkStart, long programSize, long entry, long parametersBegin, long parametersEnd,
                     long bssBegin, long bssEnd) {
    static final int SIZE = 64;
    private static final int MAGIC = 0xf8fe;
    private static final int VERSION_1 = 1;

    /** Whether {@code data} starts like an rmodule, the test cbfstool applies before converting a stage. */
    static boolean startsWith(byte[] data) {
        return data.length >= 3 && (Byte.toUnsignedInt(data[0]) | Byte.toUnsignedInt(data[1]) << 8) == MAGIC
                && data[2] == VERSION_1;
    }

    static RmoduleHeader read(byte[] data, String structure, long offset) {
        if (data.length < SIZE) {
            throw new ImageFormatException(structure, offset, "rmodule header needs " + SIZE + " bytes but the stage holds "
                    + data.length);
        }
        RmoduleHeader header = new RmoduleHeader(field(data, 4, structure, "payload_begin_offset"),
                field(data, 8, structure, "payload_end_offset"), field(data, 12, structure, "relocations_begin_offset"),
                field(data, 16, structure, "relocations_end_offset"), field(data, 20, structure, "module_link_start_address"),
                field(data, 24, structure, "module_program_size"), field(data, 28, structure, "module_entry_point"),
                field(data, 32, structure, "parameters_begin"), field(data, 36, structure, "parameters_end"),
                field(data, 40, structure, "bss_begin"), field(data, 44, structure, "bss_end"));
        header.requireRange(data.length, header.payloadBegin, header.payloadEnd, structure, offset, "payload");
        header.requireRange(data.length, header.relocationsBegin, header.relocationsEnd, structure, offset, "relocations");
        if (header.programSize < header.payloadSize()) {
            throw new ImageFormatException(structure, offset + 24, "rmodule module_program_size 0x"
                    + Long.toHexString(header.programSize) + " is smaller than its payload (0x"
                    + Long.toHexString(header.payloadSize()) + ")");
        }
        return header;
    }

    long payloadSize() {
        return payloadEnd - payloadBegin;
    }

    private void requireRange(int size, long begin, long end, String structure, long offset, String what) {
        if (begin > size || end > size || end < begin) {
            throw new ImageFormatException(structure, offset, "rmodule " + what + " range 0x" + Long.toHexString(begin)
                    + "-0x" + Long.toHexString(end) + " lies outside the " + size + "-byte module");
        }
    }

    private static long field(byte[] data, int at, String structure, String name) {
        return Integer.toUnsignedLong(Bytes.u32le(data, at, structure, "rmodule " + name));
    }
}
