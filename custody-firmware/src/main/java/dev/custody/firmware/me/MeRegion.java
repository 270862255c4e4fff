package dev.custody.firmware.me;

import dev.custody.firmware.ifd.FlashDescriptor;
import dev.custody.firmware.ifd.FlashMaster;
import dev.custody.firmware.ifd.FlashRegion;
import dev.custody.firmware.ifd.RegionKind;
import java.util.Optional;

/**
 * What the ME region says about the ME's state, judged the way me_cleaner leaves it: only the
 * FTPR (boot) partition listed, no file system partition, everything else 0xFF, and optionally
 * the HAP/AltMeDisable strap and an ME master (FLMSTR2) limited to its own region.
 */
public record MeRegion(FlashRegion region, Optional<PartitionTable> table, boolean unlistedSpaceErased,
                       boolean fileSystemPresent, boolean disableStrapSet, String disableStrapName,
                       boolean meMasterRestricted) {
    /** Partitions me_cleaner keeps: FTPR, and on some generations its fallback NFTP. */
    private static final int CLEANED_MAX_PARTITIONS = 2;

    public static MeRegion of(byte[] image, FlashDescriptor ifd, FlashRegion region) {
        Optional<PartitionTable> table = PartitionTable.find(image, region.base(), region.size());
        boolean erased = table.map(t -> unlistedSpaceErased(image, region, t)).orElse(false);
        boolean fileSystem = table.map(t -> t.validEntries().stream().anyMatch(FptEntry::holdsFileSystem)).orElse(false);
        boolean restricted = ifd.master(2).map(MeRegion::onlyOwnRegion).orElse(false);
        return new MeRegion(region, table, erased, fileSystem, ifd.meDisableStrapSet(), ifd.meDisableStrapName(),
                restricted);
    }

    /** The ME generation as far as the table tells it: the FITC major version. */
    public Optional<String> generation() {
        return table.map(t -> t.headerVersion() >= 0x20 ? "CSME 11 or later (FPT 2.0)"
                : "ME " + t.fitcVersion().substring(0, t.fitcVersion().indexOf('.')) + " (FITC " + t.fitcVersion() + ")");
    }

    public boolean partitionsRemoved() {
        return table.map(t -> t.validEntries().size() <= CLEANED_MAX_PARTITIONS
                && t.validEntries().stream().anyMatch(e -> e.name().equals("FTPR"))).orElse(false);
    }

    /** Cleaned as me_cleaner does it, or told to stop through the strap. */
    public boolean neutralised() {
        return (partitionsRemoved() && !fileSystemPresent && unlistedSpaceErased) || disableStrapSet;
    }

    private static boolean onlyOwnRegion(FlashMaster me) {
        return me.writable().stream().allMatch(r -> r == RegionKind.ME)
                && me.readable().stream().allMatch(r -> r == RegionKind.ME || r == RegionKind.DESCRIPTOR);
    }

    private static boolean unlistedSpaceErased(byte[] image, FlashRegion region, PartitionTable table) {
        boolean[] listed = new boolean[region.size()];
        java.util.Arrays.fill(listed, 0, Math.min(listed.length, table.end(region.base())), true);
        table.validEntries().stream().filter(e -> e.length() != 0)
                .forEach(e -> java.util.Arrays.fill(listed, e.offset(), (int) e.end(), true));
        for (int i = 0; i < listed.length; i++) {
            if (!listed[i] && image[region.base() + i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }
}
