package dev.custody.eventlog.pe;

/**
 * The headers of a PE/COFF image, as far as Authenticode needs them: where the CheckSum field and
 * the Certificate Table directory entry lie (both left out of the hash), how long the headers are,
 * where the certificate table is, and where the section table starts.
 *
 * @param certificateEntryOffset where the Certificate Table entry of the data directory lies, or
 *     -1 when the optional header has too few directory entries to hold one
 * @param certificateTable the certificate table's file offset and size (0, 0 when absent)
 */
public record PeHeader(boolean pe32Plus, long checksumOffset, long certificateEntryOffset, long sizeOfHeaders,
                       FileRange certificateTable, long sectionTableOffset, int numberOfSections) {
    private static final int DOS_MAGIC = 0x5a4d;
    private static final long PE_SIGNATURE = 0x00004550L;
    private static final int PE32 = 0x10b;
    private static final int PE32_PLUS = 0x20b;
    private static final int E_LFANEW = 0x3c;
    private static final int COFF_HEADER_SIZE = 20;
    private static final int CHECKSUM = 64;
    private static final int SECURITY_DIRECTORY = 4;
    private static final int DIRECTORY_ENTRY_SIZE = 8;

    /** A span of the file: {@code size} bytes from {@code offset}. */
    public record FileRange(long offset, long size) {
        public long end() {
            return offset + size;
        }
    }

    public static PeHeader parse(byte[] image) {
        if (LittleEndian.u16(image, 0, "DOS header e_magic") != DOS_MAGIC) {
            throw new MalformedImageException("not a PE/COFF image: it does not start with \"MZ\"");
        }
        long pe = LittleEndian.u32(image, E_LFANEW, "DOS header e_lfanew");
        if (LittleEndian.u32(image, pe, "PE signature") != PE_SIGNATURE) {
            throw new MalformedImageException(String.format("no PE signature at offset 0x%x (e_lfanew): an MS-DOS program, "
                    + "not an EFI image", pe));
        }
        long coff = pe + 4;
        int sections = LittleEndian.u16(image, coff + 2, "COFF header NumberOfSections");
        int optionalSize = LittleEndian.u16(image, coff + 16, "COFF header SizeOfOptionalHeader");
        long optional = coff + COFF_HEADER_SIZE;
        int magic = LittleEndian.u16(image, optional, "optional header Magic");
        if (magic != PE32 && magic != PE32_PLUS) {
            throw new MalformedImageException(String.format("optional header Magic at offset 0x%x is 0x%x, neither PE32 "
                    + "(0x10b) nor PE32+ (0x20b)", optional, magic));
        }
        boolean plus = magic == PE32_PLUS;
        long sizeOfHeaders = LittleEndian.u32(image, optional + 60, "optional header SizeOfHeaders");
        long directoryCount = LittleEndian.u32(image, optional + (plus ? 108 : 92), "optional header NumberOfRvaAndSizes");
        long directories = optional + (plus ? 112 : 96);
        long sectionTable = optional + optionalSize;
        if (directories + Math.min(directoryCount, 16) * DIRECTORY_ENTRY_SIZE > sectionTable) {
            throw new MalformedImageException(String.format("optional header at offset 0x%x: %d data directory entries do not "
                    + "fit in SizeOfOptionalHeader %d", optional, directoryCount, optionalSize));
        }
        long entry = directoryCount > SECURITY_DIRECTORY ? directories + SECURITY_DIRECTORY * DIRECTORY_ENTRY_SIZE : -1;
        FileRange certificates = entry < 0 ? new FileRange(0, 0)
                : new FileRange(LittleEndian.u32(image, entry, "Certificate Table entry VirtualAddress"),
                        LittleEndian.u32(image, entry + 4, "Certificate Table entry Size"));
        PeHeader header = new PeHeader(plus, optional + CHECKSUM, entry, sizeOfHeaders, certificates, sectionTable, sections);
        header.check(image.length);
        return header;
    }

    /** The fields Authenticode skips must lie inside the headers it hashes, or the hash is undefined. */
    private void check(long fileSize) {
        long lastSkipped = certificateEntryOffset >= 0 ? certificateEntryOffset + DIRECTORY_ENTRY_SIZE : checksumOffset + 4;
        if (sizeOfHeaders > fileSize || sizeOfHeaders < lastSkipped) {
            throw new MalformedImageException(String.format("optional header SizeOfHeaders 0x%x does not cover the headers "
                    + "(they end at 0x%x) within the file's 0x%x bytes", sizeOfHeaders, lastSkipped, fileSize));
        }
        if (certificateTable.end() > fileSize) {
            throw new MalformedImageException(String.format("the Certificate Table (0x%x bytes at 0x%x) runs past the end "
                    + "of the file (0x%x bytes)", certificateTable.size(), certificateTable.offset(), fileSize));
        }
    }
}
