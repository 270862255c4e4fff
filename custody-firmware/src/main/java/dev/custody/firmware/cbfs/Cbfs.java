package dev.custody.firmware.cbfs;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CBFS: the files found by walking its region from the first header, each next header on
 * the 64-byte boundary after the previous file's data, until a boundary holds no header.
 *
 * @param region       the FMAP area it lives in ({@code COREBOOT} for legacy images, as cbfstool says)
 * @param regionOffset where the region starts in the image; file offsets are relative to it
 * @param masterHeader the legacy master header, for images that have no FMAP
 */
public record Cbfs(String region, int regionOffset, int regionSize, List<CbfsFile> files,
                   Optional<CbfsMasterHeader> masterHeader) {
    public static final int ALIGNMENT = 64;
    public static final String DEFAULT_REGION = "COREBOOT";

    public Cbfs {
        files = List.copyOf(files);
    }

    /** Whether an FMAP area holds a CBFS: it starts with a file header. */
    public static boolean startsAt(byte[] image, int offset) {
        return CbfsFile.isAt(image, offset);
    }

    public static Cbfs read(byte[] image, String region, int regionOffset, int regionSize) {
        return new Cbfs(region, regionOffset, regionSize, walk(image, region, regionOffset, regionSize, 0),
                Optional.empty());
    }

    /**
     * A legacy image: found through the pointer in its last 4 bytes (a negative offset from the
     * end) or, failing that, by the first master header on a 4-byte boundary. Its file offsets
     * are relative to the start of the image.
     */
    public static Optional<Cbfs> readLegacy(byte[] image) {
        return findMasterHeader(image).map(at -> {
            CbfsMasterHeader header = CbfsMasterHeader.read(image, at);
            if (header.offset() < 0 || header.offset() >= image.length) {
                throw new ImageFormatException("CBFS master header", at, "offset 0x"
                        + Integer.toHexString(header.offset()) + " lies outside the image");
            }
            List<CbfsFile> files = walk(image, DEFAULT_REGION, 0, image.length, header.offset());
            return new Cbfs(DEFAULT_REGION, 0, image.length, files, Optional.of(header));
        });
    }

    private static Optional<Integer> findMasterHeader(byte[] image) {
        if (image.length >= 4) {
            int pointer = image.length + Bytes.u32le(image, image.length - 4, "CBFS master header pointer", "offset");
            if (CbfsMasterHeader.isAt(image, pointer)) {
                return Optional.of(pointer);
            }
        }
        for (int at = 0; at + CbfsMasterHeader.SIZE <= image.length; at += 4) {
            if (CbfsMasterHeader.isAt(image, at)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static List<CbfsFile> walk(byte[] image, String region, int regionOffset, int regionSize, int first) {
        List<CbfsFile> files = new ArrayList<>();
        int regionEnd = regionOffset + regionSize;
        int offset = first;
        while (regionOffset + offset + CbfsFile.HEADER_SIZE <= regionEnd
                && CbfsFile.isAt(image, regionOffset + offset)) {
            CbfsFile file = CbfsFile.read(image, regionOffset, regionEnd, offset, region);
            files.add(file);
            offset = Bytes.alignUp(file.end(), ALIGNMENT);
        }
        return files;
    }

    public Optional<CbfsFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public CbfsFile require(String name) {
        return file(name).orElseThrow(() -> new IllegalArgumentException(
                "no CBFS file named '" + name + "' in region '" + region + "'"));
    }

    /** Where a region-relative offset sits in the image. */
    public int absolute(int offset) {
        return regionOffset + offset;
    }
}
