package dev.custody.firmware.cbfs;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One CBFS file ({@code struct cbfs_file}: {@code LARCHIVE}, then big-endian len, type,
 * attributes_offset and offset; the NUL-terminated name; the attributes; the stored data).
 *
 * @param offset     where the header starts, relative to the CBFS region (as cbfstool prints it)
 * @param dataOffset where the data starts, relative to the header (the header's offset field)
 * @param data       the stored bytes, compressed if the file is
 */
public record CbfsFile(int offset, String name, CbfsType type, List<CbfsAttribute> attributes, int dataOffset,
                       byte[] data) {
    static final byte[] MAGIC = "LARCHIVE".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_SIZE = 24;
    /** Names and attributes are padded to 4 bytes, as cbfstool lays them out. */
    static final int ATTRIBUTE_ALIGNMENT = 4;

    public CbfsFile {
        attributes = List.copyOf(attributes);
    }

    /** A file as cbfstool would create it, before it has a place in a region. */
    public static CbfsFile create(String name, CbfsType type, List<CbfsAttribute> attributes, byte[] data) {
        return new CbfsFile(0, name, type, attributes, metadataSize(name, attributes), data);
    }

    static boolean isAt(byte[] image, int at) {
        return Bytes.startsWith(image, at, MAGIC);
    }

    /** Reads the file whose header is at {@code regionBase + offset}; it must end by {@code regionEnd}. */
    static CbfsFile read(byte[] image, int regionBase, int regionEnd, int offset, String regionName) {
        int at = regionBase + offset;
        String structure = "CBFS file header in region '" + regionName + "'";
        Bytes.require(image, at, HEADER_SIZE, structure, "header");
        long length = Integer.toUnsignedLong(Bytes.u32be(image, at + 8, structure, "len"));
        int type = Bytes.u32be(image, at + 12, structure, "type");
        long attributesOffset = Integer.toUnsignedLong(Bytes.u32be(image, at + 16, structure, "attributes_offset"));
        long dataOffset = Integer.toUnsignedLong(Bytes.u32be(image, at + 20, structure, "offset"));
        if (dataOffset < HEADER_SIZE || at + dataOffset > regionEnd) {
            throw new ImageFormatException(structure, at, "data offset 0x" + Long.toHexString(dataOffset)
                    + " lies outside the header or the region");
        }
        if (at + dataOffset + length > regionEnd) {
            throw new ImageFormatException(structure, at, "len 0x" + Long.toHexString(length)
                    + " runs past the end of the region (0x" + Integer.toHexString(regionEnd) + ")");
        }
        if (attributesOffset != 0 && (attributesOffset < HEADER_SIZE || attributesOffset > dataOffset)) {
            throw new ImageFormatException(structure, at, "attributes_offset 0x" + Long.toHexString(attributesOffset)
                    + " lies outside the file's metadata");
        }
        int nameEnd = at + (int) (attributesOffset != 0 ? attributesOffset : dataOffset);
        String name = Bytes.cString(image, at + HEADER_SIZE, nameEnd - at - HEADER_SIZE, structure, "filename");
        List<CbfsAttribute> attributes = attributesOffset == 0 ? List.of()
                : readAttributes(image, at + (int) attributesOffset, at + (int) dataOffset, "CBFS file '" + name + "'");
        byte[] data = Arrays.copyOfRange(image, at + (int) dataOffset, at + (int) (dataOffset + length));
        return new CbfsFile(offset, name, CbfsType.of(type), attributes, (int) dataOffset, data);
    }

    private static List<CbfsAttribute> readAttributes(byte[] image, int from, int to, String structure) {
        List<CbfsAttribute> attributes = new ArrayList<>();
        int at = from;
        while (at + CbfsAttribute.HEADER_SIZE <= to) {
            int tag = Bytes.u32be(image, at, structure, "attribute tag");
            if (tag == CbfsAttribute.TAG_UNUSED || tag == CbfsAttribute.TAG_UNUSED2) {
                break;
            }
            int length = Bytes.u32be(image, at + 4, structure, "attribute len");
            if (length < CbfsAttribute.HEADER_SIZE || length > to - at) {
                throw new ImageFormatException(structure + " attribute", at, "len 0x" + Integer.toHexString(length)
                        + " runs outside the file's metadata");
            }
            byte[] body = Arrays.copyOfRange(image, at + CbfsAttribute.HEADER_SIZE, at + length);
            attributes.add(CbfsAttribute.read(tag, body, structure + " attribute", at));
            at += length;
        }
        return attributes;
    }

    /** Header, name and attributes, padded to {@link #dataOffset}, followed by the data. */
    public byte[] toBytes() {
        byte[] out = new byte[dataOffset + data.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        Bytes.putU32be(out, 8, data.length);
        Bytes.putU32be(out, 12, type.code());
        int attributesOffset = HEADER_SIZE + paddedNameLength(name);
        Bytes.putU32be(out, 16, attributes.isEmpty() ? 0 : attributesOffset);
        Bytes.putU32be(out, 20, dataOffset);
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, out, HEADER_SIZE, ascii.length);
        byte[] encoded = encodedAttributes();
        System.arraycopy(encoded, 0, out, attributesOffset, encoded.length);
        System.arraycopy(data, 0, out, dataOffset, data.length);
        return out;
    }

    private byte[] encodedAttributes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        attributes.forEach(a -> out.writeBytes(a.toBytes()));
        return out.toByteArray();
    }

    static int metadataSize(String name, List<CbfsAttribute> attributes) {
        int size = HEADER_SIZE + paddedNameLength(name);
        for (CbfsAttribute attribute : attributes) {
            size += CbfsAttribute.HEADER_SIZE + attribute.body().length;
        }
        return size;
    }

    private static int paddedNameLength(String name) {
        return Bytes.alignUp(name.getBytes(StandardCharsets.US_ASCII).length + 1, ATTRIBUTE_ALIGNMENT);
    }

    /** The same file with its data starting {@code newDataOffset} bytes after the header. */
    CbfsFile withDataOffset(int newDataOffset) {
        return new CbfsFile(offset, name, type, attributes, newDataOffset, data);
    }

    CbfsFile at(int newOffset) {
        return new CbfsFile(newOffset, name, type, attributes, dataOffset, data);
    }

    /** Where the next file may start: after the data, on the next 64-byte boundary. */
    public int end() {
        return offset + dataOffset + data.length;
    }

    /** The name cbfstool prints: {@code (empty)} for the nameless empty-space files. */
    public String displayName() {
        return name.isEmpty() ? "(empty)" : name;
    }

    public Compression compression() {
        return compressionInfo().map(CbfsAttribute.CompressionInfo::compression).orElse(Compression.NONE);
    }

    public int decompressedSize() {
        return compressionInfo().map(CbfsAttribute.CompressionInfo::decompressedSize).orElse(data.length);
    }

    public Optional<CbfsAttribute.Hash> hash() {
        return attributes.stream().filter(CbfsAttribute.Hash.class::isInstance).map(CbfsAttribute.Hash.class::cast)
                .findFirst();
    }

    private Optional<CbfsAttribute.CompressionInfo> compressionInfo() {
        return attributes.stream().filter(CbfsAttribute.CompressionInfo.class::isInstance)
                .map(CbfsAttribute.CompressionInfo.class::cast).findFirst();
    }

    public boolean isEmptySpace() {
        return type == CbfsType.Known.NULL || type == CbfsType.Known.DELETED;
    }

    /** The data as coreboot loads it: decompressed when the file is compressed. */
    public byte[] contents() {
        return compression().decompress(data, decompressedSize(), "CBFS file '" + name + "' data", offset + dataOffset);
    }
}
