package dev.custody.firmware.ifd;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Intel Flash Descriptor: signature {@code 0x0FF0A55A} at offset 0x10, then FLMAP0-2 which
 * point at the component, region, master and PCH strap sections (little-endian throughout).
 */
public record FlashDescriptor(IfdVersion version, int flmap0, int flmap1, int flmap2, int flcomp,
                              List<FlashRegion> regions, List<FlashMaster> masters, List<Integer> pchStraps) {
    static final int SIGNATURE = 0x0ff0a55a;
    static final int SIGNATURE_OFFSET = 0x10;
    private static final String STRUCTURE = "Intel flash descriptor";
    /** FLCOMP read clock 17 MHz or 50/30 MHz: only version 2 descriptors use these. */
    private static final int READ_FREQUENCY_17MHZ = 6;
    private static final int READ_FREQUENCY_50_30MHZ = 4;

    public FlashDescriptor {
        regions = List.copyOf(regions);
        masters = List.copyOf(masters);
        pchStraps = List.copyOf(pchStraps);
    }

    public static Optional<FlashDescriptor> find(byte[] image) {
        if (image.length < SIGNATURE_OFFSET + 16
                || Bytes.u32le(image, SIGNATURE_OFFSET, STRUCTURE, "FLVALSIG") != SIGNATURE) {
            return Optional.empty();
        }
        FlashDescriptor ifd = read(image);
        ifd.checkRegions(image.length);
        return Optional.of(ifd);
    }

    static FlashDescriptor read(byte[] image) {
        int flmap0 = Bytes.u32le(image, 0x14, STRUCTURE, "FLMAP0");
        int flmap1 = Bytes.u32le(image, 0x18, STRUCTURE, "FLMAP1");
        int flmap2 = Bytes.u32le(image, 0x1c, STRUCTURE, "FLMAP2");
        int fcba = (flmap0 & 0xff) << 4;
        int frba = (flmap0 >>> 16 & 0xff) << 4;
        int fmba = (flmap1 & 0xff) << 4;
        int fpsba = (flmap1 >>> 16 & 0xff) << 4;
        int strapCount = flmap1 >>> 24 & 0xff;
        int flcomp = Bytes.u32le(image, fcba, STRUCTURE, "FLCOMP");
        IfdVersion version = versionOf(flcomp);
        List<FlashRegion> regions = new ArrayList<>();
        for (int i = 0; i < version.regionCount; i++) {
            regions.add(FlashRegion.decode(RegionKind.ofIndex(i), Bytes.u32le(image, frba + 4 * i, STRUCTURE, "FLREG" + i),
                    version));
        }
        int masterCount = version == IfdVersion.V1 ? 3 : 5;
        List<FlashMaster> masters = new ArrayList<>();
        for (int n = 1; n <= masterCount; n++) {
            int register = Bytes.u32le(image, fmba + 4 * (n - 1), STRUCTURE, "FLMSTR" + n);
            masters.add(FlashMaster.decode(n, register, version, version.regionCount));
        }
        List<Integer> straps = new ArrayList<>();
        for (int i = 0; i < strapCount; i++) {
            straps.add(Bytes.u32le(image, fpsba + 4 * i, STRUCTURE, "PCHSTRP" + i));
        }
        return new FlashDescriptor(version, flmap0, flmap1, flmap2, flcomp, regions, masters, straps);
    }

    private static IfdVersion versionOf(int flcomp) {
        int readFrequency = flcomp >>> 17 & 7;
        return readFrequency == READ_FREQUENCY_17MHZ || readFrequency == READ_FREQUENCY_50_30MHZ
                ? IfdVersion.V2 : IfdVersion.V1;
    }

    /** Used regions must lie inside the image and must not overlap one another. */
    private void checkRegions(int imageSize) {
        for (FlashRegion region : regions) {
            if (region.used() && Integer.toUnsignedLong(region.limit()) >= imageSize) {
                throw new ImageFormatException(STRUCTURE + " FLREG" + region.index() + " (" + region.kind().ifdtoolName()
                        + ")", 0x10, String.format("region 0x%08x-0x%08x runs past the end of the image (0x%x bytes)",
                        region.base(), region.limit(), imageSize));
            }
        }
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                if (regions.get(i).overlaps(regions.get(j))) {
                    throw new ImageFormatException(STRUCTURE, 0x10, "regions " + regions.get(i).kind().ifdtoolName()
                            + " and " + regions.get(j).kind().ifdtoolName() + " overlap");
                }
            }
        }
    }

    public Optional<FlashRegion> region(RegionKind kind) {
        return regions.stream().filter(r -> r.kind() == kind && r.used()).findFirst();
    }

    public Optional<FlashMaster> master(int number) {
        return masters.stream().filter(m -> m.number() == number).findFirst();
    }

    /**
     * The strap that tells the ME to stop after bring-up: HAP (PCHSTRP0 bit 16) on version 2,
     * AltMeDisable (PCHSTRP10 bit 7) on version 1.
     */
    public boolean meDisableStrapSet() {
        return version == IfdVersion.V2 ? strapBit(0, 16) : strapBit(10, 7);
    }

    public String meDisableStrapName() {
        return version == IfdVersion.V2 ? "HAP" : "AltMeDisable";
    }

    private boolean strapBit(int strap, int bit) {
        return strap < pchStraps.size() && (pchStraps.get(strap) >>> bit & 1) != 0;
    }
}
