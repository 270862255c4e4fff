package dev.custody.firmware.fmap;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flash map ({@code struct fmap}, 56-byte header then the areas, little-endian), found by its
 * {@code __FMAP__} signature anywhere in the image.
 *
 * @param location where the FMAP itself sits in the image
 */
public record Fmap(int location, int versionMajor, int versionMinor, long base, int size, String name,
                   List<FmapArea> areas) {
    static final byte[] SIGNATURE = "__FMAP__".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_SIZE = 56;
    private static final String STRUCTURE = "FMAP";

    public Fmap {
        areas = List.copyOf(areas);
    }

    /**
     * The first FMAP with a supported major version, or empty when the image has none. Build
     * tools put it on a 64-byte boundary, so those are tried before every byte.
     */
    public static Optional<Fmap> find(byte[] image) {
        return find(image, 64).or(() -> find(image, 1));
    }

    private static Optional<Fmap> find(byte[] image, int step) {
        for (int at = 0; at + HEADER_SIZE <= image.length; at += step) {
            if (image[at] == '_' && Bytes.startsWith(image, at, SIGNATURE) && image[at + SIGNATURE.length] == 1) {
                Fmap fmap = read(image, at);
                fmap.checkAgainst(image.length);
                return Optional.of(fmap);
            }
        }
        return Optional.empty();
    }

    static Fmap read(byte[] image, int at) {
        Bytes.require(image, at, HEADER_SIZE, STRUCTURE, "header");
        int major = image[at + 8] & 0xff;
        int minor = image[at + 9] & 0xff;
        long base = Bytes.u64le(image, at + 10, STRUCTURE, "base");
        int size = Bytes.u32le(image, at + 18, STRUCTURE, "size");
        String name = Bytes.cString(image, at + 22, FmapArea.NAME_LENGTH, STRUCTURE, "name");
        int count = Bytes.u16le(image, at + 54, STRUCTURE, "nareas");
        Bytes.require(image, at + HEADER_SIZE, (long) count * FmapArea.SIZE, STRUCTURE, count + " areas");
        List<FmapArea> areas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            areas.add(FmapArea.read(image, at + HEADER_SIZE + i * FmapArea.SIZE));
        }
        return new Fmap(at, major, minor, base, size, name, areas);
    }

    public byte[] toBytes() {
        byte[] out = new byte[HEADER_SIZE + areas.size() * FmapArea.SIZE];
        System.arraycopy(SIGNATURE, 0, out, 0, SIGNATURE.length);
        out[8] = (byte) versionMajor;
        out[9] = (byte) versionMinor;
        Bytes.putU64le(out, 10, base);
        Bytes.putU32le(out, 18, size);
        Bytes.putCString(out, 22, FmapArea.NAME_LENGTH, name);
        Bytes.putU16le(out, 54, areas.size());
        for (int i = 0; i < areas.size(); i++) {
            areas.get(i).write(out, HEADER_SIZE + i * FmapArea.SIZE);
        }
        return out;
    }

    public Optional<FmapArea> area(String areaName) {
        return areas.stream().filter(a -> a.name().equals(areaName)).findFirst();
    }

    /** Areas that contain no other area: the ones that hold data rather than group it. */
    public List<FmapArea> leafAreas() {
        return areas.stream()
                .filter(a -> areas.stream().noneMatch(o -> o != a && a.contains(o) && !o.contains(a)))
                .toList();
    }

    /** Areas may nest but never partly overlap, and all of them must lie inside the image. */
    private void checkAgainst(int imageSize) {
        for (FmapArea area : areas) {
            if (area.end() > imageSize) {
                throw new ImageFormatException(STRUCTURE + " area '" + area.name() + "'", location,
                        "offset 0x" + Integer.toHexString(area.offset()) + " size 0x" + Integer.toHexString(area.size())
                                + " runs past the end of the image (0x" + Integer.toHexString(imageSize) + " bytes)");
            }
        }
        for (int i = 0; i < areas.size(); i++) {
            for (int j = i + 1; j < areas.size(); j++) {
                FmapArea a = areas.get(i);
                FmapArea b = areas.get(j);
                if (a.overlaps(b) && !a.contains(b) && !b.contains(a)) {
                    throw new ImageFormatException(STRUCTURE, location, "areas '" + a.name() + "' and '" + b.name()
                            + "' partly overlap");
                }
            }
        }
    }
}
