package dev.custody.firmware.inventory;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.ifd.FlashDescriptor;
import dev.custody.firmware.ifd.FlashRegion;
import dev.custody.firmware.ifd.RegionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lists the binary blobs of an image: the ME, GbE and EC descriptor regions, and the CBFS files
 * that coreboot's build names or types as vendor binaries.
 */
public final class BlobInventory {
    private static final Pattern OPTION_ROM = Pattern.compile("pci[0-9a-f]{4},[0-9a-f]{4}\\.rom");

    private BlobInventory() {}

    public static List<Blob> of(FirmwareImage image) {
        List<Blob> blobs = new ArrayList<>();
        image.ifd().ifPresent(ifd -> blobs.addAll(regionBlobs(image.bytes(), ifd)));
        for (Cbfs cbfs : image.cbfs()) {
            for (CbfsFile file : cbfs.files()) {
                kindOf(file).ifPresent(kind -> blobs.add(new Blob(kind, "CBFS " + cbfs.region() + "/" + file.name(),
                        cbfs.absolute(file.offset() + file.dataOffset()), file.data().length,
                        new Blob.StoredBytes(file.data(), 0, file.data().length))));
            }
        }
        return blobs;
    }

    private static List<Blob> regionBlobs(byte[] bytes, FlashDescriptor ifd) {
        List<Blob> blobs = new ArrayList<>();
        for (FlashRegion region : ifd.regions()) {
            Optional<BlobKind> kind = switch (region.kind()) {
                case ME -> Optional.of(BlobKind.INTEL_ME);
                case GBE -> Optional.of(BlobKind.GBE);
                case EC -> Optional.of(BlobKind.EC_FIRMWARE);
                default -> Optional.empty();
            };
            if (region.used() && kind.isPresent() && !erased(bytes, region)) {
                blobs.add(new Blob(kind.get(), "IFD region " + region.kind().ifdtoolName(), region.base(), region.size(),
                        new Blob.StoredBytes(bytes, region.base(), region.size())));
            }
        }
        return blobs;
    }

    private static final byte[] ERASED_BLOCK = filled(4096);

    private static byte[] filled(int size) {
        byte[] block = new byte[size];
        java.util.Arrays.fill(block, (byte) 0xff);
        return block;
    }

    /** Compared a block at a time, which the JIT vectorises; a byte loop is several times slower. */
    private static boolean erased(byte[] bytes, FlashRegion region) {
        for (int at = region.base(); at <= region.limit(); at += ERASED_BLOCK.length) {
            int length = Math.min(ERASED_BLOCK.length, region.limit() + 1 - at);
            if (!java.util.Arrays.equals(bytes, at, at + length, ERASED_BLOCK, 0, length)) {
                return false;
            }
        }
        return true;
    }

    static Optional<BlobKind> kindOf(CbfsFile file) {
        String name = file.name();
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (file.type() == CbfsType.Known.MICROCODE || base.startsWith("cpu_microcode")) {
            return Optional.of(BlobKind.MICROCODE);
        }
        if (file.type() == CbfsType.Known.MRC || base.equals("mrc.bin")) {
            return Optional.of(BlobKind.MRC);
        }
        if (OPTION_ROM.matcher(base).matches() || file.type() == CbfsType.Known.OPTIONROM) {
            boolean display = base.startsWith("vgabios")
                    || PciOptionRom.read(file.contents()).map(PciOptionRom::display).orElse(false);
            return Optional.of(display ? BlobKind.VGA_OPTION_ROM : BlobKind.OPTION_ROM);
        }
        return switch (base) {
            case "fspt.bin" -> Optional.of(BlobKind.INTEL_FSP_T);
            case "fspm.bin" -> Optional.of(BlobKind.INTEL_FSP_M);
            case "fsps.bin" -> Optional.of(BlobKind.INTEL_FSP_S);
            case "fsp.bin" -> Optional.of(BlobKind.INTEL_FSP);
            case "vbt.bin" -> Optional.of(BlobKind.VBT);
            case "ecfw.bin", "ec.bin", "ecrw", "sch5545_ecfw.bin" -> Optional.of(BlobKind.EC_FIRMWARE);
            case "amdfw", "amdfw.rom" -> Optional.of(BlobKind.AMD_PSP);
            case "txt_bios_acm.bin", "txt_sinit_acm.bin" -> Optional.of(BlobKind.INTEL_ACM);
            default -> file.type() == CbfsType.Known.FSP ? Optional.of(BlobKind.INTEL_FSP) : Optional.empty();
        };
    }
}
