package dev.custody.firmware.me;

import dev.custody.firmware.Bytes;
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
public record MeRegion(FlashRegion region, Optional<PartitionTable> table, Optional<String> manifestVersion,
                       boolean unlistedSpaceErased, boolean fileSystemPresent, boolean disableStrapSet,
                       String disableStrapName, boolean meMasterRestricted) {
    /** ME 6-10 start the FTPR partition with a manifest: "$MN2" at 0x1c, the version at 0x24. */
    private static final byte[] MANIFEST_MAGIC = "$MN2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Partitions me_cleaner keeps: FTPR, and on some generations its fallback NFTP. */
    private static final int CLEANED_MAX_PARTITIONS = 2;

    public static MeRegion of(byte[] image, FlashDescriptor ifd, FlashRegion region) {
        Optional<PartitionTable> table = PartitionTable.find(image, region.base(), region.size());
        boolean erased = table.map(t -> unlistedSpaceErased(image, region, t)).orElse(false);
        boolean fileSystem = table.map(t -> t.validEntries().stream().anyMatch(FptEntry::holdsFileSystem)).orElse(false);
        boolean restricted = ifd.master(2).map(MeRegion::onlyOwnRegion).orElse(false);
        Optional<String> manifest = table.flatMap(t -> manifestVersion(image, region, t));
        return new MeRegion(region, table, manifest, erased, fileSystem, ifd.meDisableStrapSet(), ifd.meDisableStrapName(),
                restricted);
    }

    private static Optional<String> manifestVersion(byte[] image, FlashRegion region, PartitionTable table) {
        return table.validEntries().stream().filter(e -> e.name().equals("FTPR")).findFirst()
                .map(e -> region.base() + e.offset())
                .filter(ftpr -> Bytes.startsWith(image, ftpr + 0x1c, MANIFEST_MAGIC) && ftpr + 0x2c <= image.length)
                .map(ftpr -> Bytes.u16le(image, ftpr + 0x24, "ME manifest", "major") + "." + Bytes.u16le(image, ftpr + 0x26, "ME manifest", "minor")
                        + "." + Bytes.u16le(image, ftpr + 0x28, "ME manifest", "hotfix") + "." + Bytes.u16le(image, ftpr + 0x2a, "ME manifest", "build"));
    }

    /** The ME generation: the FTPR manifest's version when there is one, else the FITC tool version. */
    public Optional<String> generation() {
        return manifestVersion.map(v -> "ME " + v).or(() -> table.map(t -> t.headerVersion() >= 0x20
                ? "CSME 11 or later (FPT 2.0)"
                : "ME " + t.fitcVersion().substring(0, t.fitcVersion().indexOf('.')) + " (FITC " + t.fitcVersion() + ")"));
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
