package dev.custody.firmware;

import dev.custody.common.InputFiles;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.fmap.Fmap;
import dev.custody.firmware.fmap.FmapArea;
import dev.custody.firmware.ifd.FlashDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed firmware image: its Intel flash descriptor, flash map and CBFSes. Parsing only; what
 * the contents mean is worked out by the inventory and findings.
 */
public record FirmwareImage(byte[] bytes, Optional<FlashDescriptor> ifd, Optional<Fmap> fmap, List<Cbfs> cbfs) {
    public FirmwareImage {
        cbfs = List.copyOf(cbfs);
    }

    public static FirmwareImage read(Path path) throws IOException {
        return parse(InputFiles.readAllBytes(path));
    }

    public static FirmwareImage parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ImageFormatException("firmware image", 0, "the file is empty");
        }
        Optional<FlashDescriptor> ifd = FlashDescriptor.find(bytes);
        Optional<Fmap> fmap = Fmap.find(bytes);
        List<Cbfs> cbfs = fmap.map(f -> fmapCbfses(bytes, f))
                .orElseGet(() -> Cbfs.readLegacy(bytes).stream().toList());
        if (ifd.isEmpty() && fmap.isEmpty() && cbfs.isEmpty()) {
            throw new ImageFormatException("firmware image", 0,
                    "no Intel flash descriptor, FMAP or CBFS master header found: not a coreboot or Intel firmware image");
        }
        return new FirmwareImage(bytes, ifd, fmap, cbfs);
    }

    private static List<Cbfs> fmapCbfses(byte[] bytes, Fmap fmap) {
        return fmap.leafAreas().stream()
                .filter(a -> Cbfs.startsAt(bytes, a.offset()))
                .map(a -> Cbfs.read(bytes, a.name(), a.offset(), a.size()))
                .toList();
    }

    public int size() {
        return bytes.length;
    }

    /** The CBFS in {@code region}, or the primary one ({@code COREBOOT}) when no region is named. */
    public Cbfs cbfs(Optional<String> region) {
        String wanted = region.orElse(Cbfs.DEFAULT_REGION);
        return cbfs.stream().filter(c -> c.region().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the image has no CBFS in region '" + wanted + "'"
                        + (cbfs.isEmpty() ? "" : "; CBFS regions: " + cbfs.stream().map(Cbfs::region).toList())));
    }

    public Optional<FmapArea> fmapArea(String name) {
        return fmap.flatMap(f -> f.area(name));
    }
}
