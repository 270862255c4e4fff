package dev.custody.eventlog.pe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The section headers of a PE/COFF image: where each section's raw data lies in the file. */
public record SectionTable(List<Section> sections) {
    private static final int SECTION_HEADER_SIZE = 40;
    private static final int NAME_LENGTH = 8;

    public record Section(String name, long pointerToRawData, long sizeOfRawData) {
        public PeHeader.FileRange rawData() {
            return new PeHeader.FileRange(pointerToRawData, sizeOfRawData);
        }
    }

    public SectionTable {
        sections = List.copyOf(sections);
    }

    public static SectionTable parse(byte[] image, PeHeader header) {
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < header.numberOfSections(); i++) {
            long at = header.sectionTableOffset() + (long) i * SECTION_HEADER_SIZE;
            String field = "section header " + i;
            LittleEndian.check(image, at, SECTION_HEADER_SIZE, field);
            Section section = new Section(name(image, (int) at), LittleEndian.u32(image, at + 20, field + " PointerToRawData"),
                    LittleEndian.u32(image, at + 16, field + " SizeOfRawData"));
            if (section.rawData().end() > image.length) {
                throw new MalformedImageException(String.format("section %d (%s): its raw data (0x%x bytes at 0x%x) runs past "
                        + "the end of the file (0x%x bytes)", i, section.name(), section.sizeOfRawData(),
                        section.pointerToRawData(), image.length));
            }
            sections.add(section);
        }
        return new SectionTable(sections);
    }

    private static String name(byte[] image, int at) {
        int length = 0;
        while (length < NAME_LENGTH && image[at + length] != 0) {
            length++;
        }
        return new String(image, at, length, StandardCharsets.ISO_8859_1);
    }
}
