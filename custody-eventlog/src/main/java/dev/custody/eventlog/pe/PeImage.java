package dev.custody.eventlog.pe;

import dev.custody.eventlog.pe.PeHeader.FileRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A parsed PE/COFF image: its headers, its section table and its size; nothing hashed yet. */
public record PeImage(PeHeader header, SectionTable sections, long size) {

    public static PeImage parse(byte[] image) {
        PeHeader header = PeHeader.parse(image);
        return new PeImage(header, SectionTable.parse(image, header), image.length);
    }

    /**
     * The spans of the file Authenticode hashes, in order (Microsoft's "Windows Authenticode
     * Portable Executable Signature Format", as EDK2's measured boot implements it): the headers
     * without CheckSum and the Certificate Table entry, the sections in file order, then whatever
     * follows them except the certificate table.
     */
    public List<FileRange> authenticodeRanges() {
        List<FileRange> ranges = new ArrayList<>();
        ranges.add(span(0, header.checksumOffset()));
        if (header.certificateEntryOffset() < 0) {
            ranges.add(span(header.checksumOffset() + 4, header.sizeOfHeaders()));
        } else {
            ranges.add(span(header.checksumOffset() + 4, header.certificateEntryOffset()));
            ranges.add(span(header.certificateEntryOffset() + 8, header.sizeOfHeaders()));
        }
        long hashed = header.sizeOfHeaders();
        List<SectionTable.Section> inFileOrder = sections.sections().stream()
                .filter(s -> s.sizeOfRawData() > 0)
                .sorted(Comparator.comparingLong(SectionTable.Section::pointerToRawData))
                .toList();
        for (SectionTable.Section section : inFileOrder) {
            ranges.add(section.rawData());
            hashed += section.sizeOfRawData();
        }
        long certificates = header.certificateTable().size();
        if (size > hashed) {
            if (size < hashed + certificates) {
                throw new MalformedImageException(String.format("the headers and sections (0x%x bytes) and the Certificate "
                        + "Table (0x%x bytes) add up to more than the file's 0x%x bytes", hashed, certificates, size));
            }
            ranges.add(span(hashed, size - certificates));
        }
        return ranges.stream().filter(r -> r.size() > 0).toList();
    }

    private static FileRange span(long start, long end) {
        return new FileRange(start, end - start);
    }
}
