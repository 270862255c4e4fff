package dev.custody.firmware.elf;

import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.Compression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SELF payload (CBFS type {@code simple elf}) turned back into an ELF file as {@code cbfstool
 * extract -m ARCH} 4.15 does it: one section per CODE/DATA/BSS/PARA segment, plus a NOBITS
 * section where a segment's memory is larger than its data, and the ENTR segment's address as
 * the entry point.
 */
public final class PayloadElf {
    /**
     * cbfstool 4.15 frees each section's name right after adding the section and reads the freed
     * memory when it writes the file; by then that memory holds the name of its output buffer.
     * Its payload sections are therefore named "elfout", and so are Custody's. (In a few runs in
     * a hundred, address randomisation leaves other bytes there for the name lengths, and
     * cbfstool's names table differs; that is not reproducible and not mirrored.)
     */
    private static final String SECTION_NAME = "elfout";

    private PayloadElf() {}

    public static byte[] of(CbfsFile payload, ElfArchitecture architecture) {
        String structure = "CBFS payload '" + payload.name() + "'";
        long base = payload.offset() + payload.dataOffset();
        byte[] data = payload.contents();
        List<PayloadSegment> segments = segments(data, structure, base);
        ElfWriter writer = new ElfWriter(architecture, segments.getLast().loadAddress());
        // cbfstool ignores the segments' offset fields: their data follows the table in order.
        int in = segments.size() * PayloadSegment.SIZE;
        for (PayloadSegment segment : segments) {
            long memoryLength = Integer.toUnsignedLong(segment.memoryLength());
            switch (segment.type()) {
                case ENTRY -> { }
                case BSS -> writer.addSection(SECTION_NAME, SectionHeader.of(SectionHeader.SHT_NOBITS,
                        SectionHeader.SHF_ALLOC | SectionHeader.SHF_WRITE, segment.loadAddress(),
                        Integer.toUnsignedLong(segment.length())), new byte[0], structure, base);
                case PARAMS -> {
                    byte[] bytes = stored(data, in, segment, structure, base);
                    in += bytes.length;
                    writer.addSection(SECTION_NAME, SectionHeader.of(SectionHeader.SHT_NOTE, 0, 0, bytes.length),
                            bytes, structure, base);
                }
                case CODE, DATA -> {
                    byte[] stored = stored(data, in, segment, structure, base);
                    in += stored.length;
                    byte[] bytes = decompress(stored, segment, structure, base + in - stored.length);
                    long flags = SectionHeader.SHF_ALLOC | SectionHeader.SHF_WRITE
                            | (segment.type() == PayloadSegment.Type.CODE ? SectionHeader.SHF_EXECINSTR : 0);
                    writer.addSection(SECTION_NAME, SectionHeader.of(SectionHeader.SHT_PROGBITS, flags,
                            segment.loadAddress(), bytes.length), bytes, structure, base);
                    if (memoryLength > bytes.length) {
                        writer.addSection(SECTION_NAME, SectionHeader.of(SectionHeader.SHT_NOBITS,
                                SectionHeader.SHF_WRITE | SectionHeader.SHF_ALLOC, segment.loadAddress() + bytes.length,
                                memoryLength - bytes.length), new byte[0], structure, base);
                    }
                }
            }
        }
        return writer.serialize();
    }

    /** The segment table, up to and including the ENTR segment that always ends it. */
    private static List<PayloadSegment> segments(byte[] data, String structure, long base) {
        List<PayloadSegment> segments = new ArrayList<>();
        for (int at = 0; ; at += PayloadSegment.SIZE) {
            PayloadSegment segment = PayloadSegment.read(data, at, structure, base);
            segments.add(segment);
            if (segment.type() == PayloadSegment.Type.ENTRY) {
                return segments;
            }
        }
    }

    private static byte[] stored(byte[] data, int in, PayloadSegment segment, String structure, long base) {
        long length = Integer.toUnsignedLong(segment.length());
        if (in + length > data.length) {
            throw new ImageFormatException(structure + " segment", base + in, "len 0x" + Long.toHexString(length)
                    + " runs past the end of the payload (0x" + Integer.toHexString(data.length) + " bytes)");
        }
        return Arrays.copyOfRange(data, in, in + (int) length);
    }

    private static byte[] decompress(byte[] stored, PayloadSegment segment, String structure, long offset) {
        long memoryLength = Integer.toUnsignedLong(segment.memoryLength());
        if (memoryLength > Integer.MAX_VALUE) {
            throw new ImageFormatException(structure + " segment", offset, "mem_len 0x" + Long.toHexString(memoryLength)
                    + " is larger than any flash chip");
        }
        return Compression.of(segment.compression()).decompressAtMost(stored, (int) memoryLength,
                structure + " segment", offset);
    }
}
