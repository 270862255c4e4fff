package dev.custody.firmware.me;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Intel ME flash partition table ({@code $FPT}), at the start of the ME region or after a
 * 16-byte ROM bypass vector.
 *
 * @param location     where {@code $FPT} sits in the image
 * @param fitcVersion  the FITC tool version, whose major number follows the ME generation
 */
public record PartitionTable(int location, int headerVersion, String fitcVersion, List<FptEntry> entries) {
    private static final byte[] SIGNATURE = "$FPT".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 32;
    private static final int MAX_ENTRIES = 128;
    private static final String STRUCTURE = "ME $FPT";

    public PartitionTable {
        entries = List.copyOf(entries);
    }

    /** Looks for the table in the ME region {@code [regionBase, regionBase + regionSize)}. */
    public static Optional<PartitionTable> find(byte[] image, int regionBase, int regionSize) {
        for (int candidate : new int[] {regionBase, regionBase + 16}) {
            if (Bytes.startsWith(image, candidate, SIGNATURE)) {
                return Optional.of(read(image, candidate, regionBase, regionSize));
            }
        }
        return Optional.empty();
    }

    static PartitionTable read(byte[] image, int at, int regionBase, int regionSize) {
        Bytes.require(image, at, HEADER_SIZE, STRUCTURE, "header");
        int count = Bytes.u32le(image, at + 4, STRUCTURE, "NumFptEntries");
        if (count < 0 || count > MAX_ENTRIES) {
            throw new ImageFormatException(STRUCTURE, at, "NumFptEntries " + Integer.toUnsignedString(count)
                    + " is more than any ME has (" + MAX_ENTRIES + ")");
        }
        int headerVersion = image[at + 8] & 0xff;
        String fitc = Bytes.u16le(image, at + 0x18, STRUCTURE, "FitcMajor") + "." + Bytes.u16le(image, at + 0x1a, STRUCTURE, "FitcMinor")
                + "." + Bytes.u16le(image, at + 0x1c, STRUCTURE, "FitcHotfix") + "." + Bytes.u16le(image, at + 0x1e, STRUCTURE, "FitcBuild");
        List<FptEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FptEntry entry = FptEntry.read(image, at + HEADER_SIZE + i * FptEntry.SIZE);
            if (entry.valid() && entry.length() != 0 && entry.end() > regionSize) {
                throw new ImageFormatException(STRUCTURE + " entry '" + entry.name() + "'", at + HEADER_SIZE + i * FptEntry.SIZE,
                        "partition runs past the end of the ME region (0x" + Integer.toHexString(regionSize) + " bytes)");
            }
            entries.add(entry);
        }
        return new PartitionTable(at, headerVersion, fitc, entries);
    }

    public List<FptEntry> validEntries() {
        return entries.stream().filter(FptEntry::valid).toList();
    }

    /** Where the table and its entries end, relative to the ME region start. */
    public int end(int regionBase) {
        return location - regionBase + HEADER_SIZE + entries.size() * FptEntry.SIZE;
    }
}
