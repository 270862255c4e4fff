package dev.custody.firmware.flash;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.ImageFormatException;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.firmware.ifd.FlashDescriptor;
import dev.custody.firmware.ifd.FlashRegion;
import dev.custody.firmware.ifd.RegionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Flashing the way Heads' flash scripts do it, plus the checks they leave to the user: back the
 * chip up first, refuse a layout that does not match, keep the owner's {@code heads/} files,
 * write, and verify by reading the chip back.
 */
public final class SafeFlasher {
    private static final int STEPS = 4;

    private final Flashrom flashrom;
    private final FlashProgress progress;

    public SafeFlasher(Flashrom flashrom, FlashProgress progress) {
        this.flashrom = flashrom;
        this.progress = progress;
    }

    /** Saves the chip's contents atomically to {@code into}. */
    public byte[] readChip(Path into) throws IOException {
        Path raw = Files.createTempFile(into.toAbsolutePath().getParent(), ".custody-read", ".tmp");
        try {
            flashrom.read(raw);
            byte[] contents = Files.readAllBytes(raw);
            AtomicFiles.write(into, contents);
            return contents;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    public FlashReport flash(FirmwareImage next, FlashOptions options) throws IOException {
        progress.step(1, STEPS, "Reading the chip into the backup " + options.backup());
        byte[] current = readChip(options.backup());
        Optional<FirmwareImage> currentImage = parsedOrEmpty(current);
        if (!options.allowLayoutChange()) {
            checkLayout(current, currentImage, next);
        }
        List<CbfsFile> carried = options.keepSettings() ? currentImage.map(HeadsFiles::ownerFiles).orElse(List.of()) : List.of();
        byte[] image = carried.isEmpty() ? next.bytes() : HeadsFiles.carryOver(currentImage.orElseThrow(), next);
        Optional<FlashRegion> bios = options.biosOnly() ? Optional.of(biosRegion(next)) : Optional.empty();
        byte[] expected = bios.map(r -> withRegion(current, image, r)).orElse(image);
        progress.step(2, STEPS, "Writing " + bios.map(r -> r.size() + " bytes (BIOS region)").orElse(image.length + " bytes"));
        Path directory = options.backup().toAbsolutePath().getParent();
        Path staged = Files.createTempFile(directory, ".custody-flash", ".tmp");
        Path layout = Files.createTempFile(directory, ".custody-layout", ".tmp");
        try {
            Files.write(staged, image);
            if (bios.isPresent()) {
                Files.writeString(layout, String.format("%08x:%08x bios%n", bios.get().base(), bios.get().limit()));
                flashrom.writeRegion(staged, layout, "bios");
            } else {
                flashrom.write(staged);
            }
            progress.step(3, STEPS, "Reading the chip back");
            flashrom.read(staged);
            progress.step(4, STEPS, "Verifying");
            verify(expected, Files.readAllBytes(staged), options.backup());
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(layout);
        }
        return new FlashReport(options.backup(), bios.map(FlashRegion::size).orElse(image.length),
                carried.stream().map(CbfsFile::name).toList());
    }

    private static FlashRegion biosRegion(FirmwareImage image) {
        return image.ifd().flatMap(ifd -> ifd.region(RegionKind.BIOS)).orElseThrow(() -> new FlashException(
                "cannot write only the BIOS region: the image has no Intel flash descriptor with a BIOS region"));
    }

    /** What the chip should hold after a region write: the old contents with that region replaced. */
    private static byte[] withRegion(byte[] current, byte[] image, FlashRegion region) {
        byte[] expected = current.clone();
        System.arraycopy(image, region.base(), expected, region.base(), region.size());
        return expected;
    }

    private static Optional<FirmwareImage> parsedOrEmpty(byte[] chip) {
        try {
            return Optional.of(FirmwareImage.parse(chip));
        } catch (ImageFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Same size, and the same descriptor regions when either image has a descriptor. */
    private static void checkLayout(byte[] current, Optional<FirmwareImage> currentImage, FirmwareImage next) {
        if (current.length != next.size()) {
            throw new FlashException("refusing to flash: the image is " + next.size() + " bytes but the chip holds "
                    + current.length + " (use --allow-layout-change only if you know the chip is being replaced)");
        }
        List<FlashRegion> now = currentImage.flatMap(FirmwareImage::ifd).map(FlashDescriptor::regions).orElse(List.of());
        List<FlashRegion> then = next.ifd().map(FlashDescriptor::regions).orElse(List.of());
        if (!regionLayout(now).equals(regionLayout(then))) {
            throw new FlashException("refusing to flash: the image's flash descriptor layout " + regionLayout(then)
                    + " differs from the chip's " + regionLayout(now) + " (override with --allow-layout-change)");
        }
    }

    private static List<String> regionLayout(List<FlashRegion> regions) {
        return regions.stream().filter(FlashRegion::used)
                .map(r -> String.format("%s 0x%x-0x%x", r.kind().ifdtoolName(), r.base(), r.limit())).toList();
    }

    private static void verify(byte[] written, byte[] readBack, Path backup) {
        int mismatch = java.util.Arrays.mismatch(written, readBack);
        if (mismatch >= 0) {
            throw new FlashException(String.format("verification failed: the chip differs from the image at offset 0x%x;"
                    + " the previous contents are in %s, flash them back before rebooting", mismatch, backup));
        }
    }
}
