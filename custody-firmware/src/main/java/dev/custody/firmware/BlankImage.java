package dev.custody.firmware;

import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.fmap.Fmap;
import dev.custody.firmware.fmap.FmapArea;
import java.util.Arrays;
import java.util.List;

/**
 * A new coreboot-style image with nothing in it yet: a flash map at the start and one empty
 * CBFS region filling the rest, the layout {@code cbfstool create -M} makes from a simple .fmd.
 * The lab machine builds its ROM on this.
 */
public final class BlankImage {
    static final int FMAP_AREA_SIZE = 0x200;

    private BlankImage() {}

    public static FirmwareImage create(int size) {
        if (size < 64 * 1024 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("a flash image is a power of two of at least 64 KiB, not " + size + " bytes");
        }
        byte[] image = new byte[size];
        Arrays.fill(image, (byte) 0xff);
        Fmap fmap = new Fmap(0, 1, 1, 0, size, "FLASH", List.of(
                new FmapArea("BIOS", 0, size, 0),
                new FmapArea("FMAP", 0, FMAP_AREA_SIZE, 0),
                new FmapArea(Cbfs.DEFAULT_REGION, FMAP_AREA_SIZE, size - FMAP_AREA_SIZE, 0)));
        byte[] map = fmap.toBytes();
        System.arraycopy(map, 0, image, 0, map.length);
        byte[] empty = CbfsFile.create("", CbfsType.Known.NULL, List.of(), new byte[0]).toBytes();
        System.arraycopy(empty, 0, image, FMAP_AREA_SIZE, empty.length);
        Bytes.putU32be(image, FMAP_AREA_SIZE + 8, size - FMAP_AREA_SIZE - empty.length);
        return FirmwareImage.parse(image);
    }
}
