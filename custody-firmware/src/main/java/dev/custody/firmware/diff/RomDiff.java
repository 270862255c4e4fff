package dev.custody.firmware.diff;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.Sha256;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.fmap.FmapArea;
import dev.custody.firmware.ifd.FlashRegion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Descriptor regions, FMAP areas and CBFS files added, removed or changed between two images. */
public final class RomDiff {
    private RomDiff() {}

    public static List<Difference> between(FirmwareImage a, FirmwareImage b) {
        List<Difference> differences = new ArrayList<>();
        differences.addAll(compare("ifd-region",
                index(a.ifd().map(i -> i.regions().stream().filter(FlashRegion::used).toList()).orElse(List.of()), r -> r.kind().ifdtoolName()),
                index(b.ifd().map(i -> i.regions().stream().filter(FlashRegion::used).toList()).orElse(List.of()), r -> r.kind().ifdtoolName()),
                (x, y) -> regionChange(a, b, x, y)));
        differences.addAll(compare("fmap-area",
                index(a.fmap().map(f -> f.areas()).orElse(List.of()), FmapArea::name),
                index(b.fmap().map(f -> f.areas()).orElse(List.of()), FmapArea::name),
                (x, y) -> areaChange(a, b, x, y)));
        differences.addAll(compare("cbfs-file", cbfsFiles(a), cbfsFiles(b), RomDiff::fileChange));
        return differences;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        Map<String, T> indexed = new LinkedHashMap<>();
        items.forEach(item -> indexed.putIfAbsent(name.apply(item), item));
        return indexed;
    }

    private static Map<String, CbfsFile> cbfsFiles(FirmwareImage image) {
        Map<String, CbfsFile> files = new LinkedHashMap<>();
        for (Cbfs cbfs : image.cbfs()) {
            cbfs.files().stream().filter(f -> !f.isEmptySpace()).forEach(f -> files.putIfAbsent(cbfs.region() + "/" + f.name(), f));
        }
        return files;
    }

    /** {@code change} gives the detail of a difference, or nothing when the two are the same. */
    private static <T> List<Difference> compare(String scope, Map<String, T> a, Map<String, T> b, BiFunction<T, T, Optional<String>> change) {
        List<Difference> differences = new ArrayList<>();
        a.forEach((name, item) -> {
            if (!b.containsKey(name)) {
                differences.add(new Difference(scope, name, Change.REMOVED, "only in the first image"));
            } else {
                change.apply(item, b.get(name))
                        .ifPresent(detail -> differences.add(new Difference(scope, name, Change.CHANGED, detail)));
            }
        });
        b.keySet().stream().filter(name -> !a.containsKey(name))
                .forEach(name -> differences.add(new Difference(scope, name, Change.ADDED, "only in the second image")));
        return differences;
    }

    private static Optional<String> regionChange(FirmwareImage a, FirmwareImage b, FlashRegion x, FlashRegion y) {
        if (x.base() != y.base() || x.limit() != y.limit()) {
            return Optional.of(String.format("moved from 0x%x-0x%x to 0x%x-0x%x", x.base(), x.limit(), y.base(), y.limit()));
        }
        return contentsChange(a, b, x.base(), x.size());
    }

    private static Optional<String> areaChange(FirmwareImage a, FirmwareImage b, FmapArea x, FmapArea y) {
        if (x.offset() != y.offset() || x.size() != y.size()) {
            return Optional.of(String.format("moved from 0x%x+0x%x to 0x%x+0x%x", x.offset(), x.size(), y.offset(), y.size()));
        }
        return contentsChange(a, b, x.offset(), x.size());
    }

    private static Optional<String> fileChange(CbfsFile x, CbfsFile y) {
        if (!Arrays.equals(x.data(), y.data())) {
            return Optional.of("stored data differs (sha256 " + Sha256.hex(Sha256.of(x.data())).substring(0, 12) + " -> "
                    + Sha256.hex(Sha256.of(y.data())).substring(0, 12) + ")");
        }
        if (!Objects.equals(x.type(), y.type()) || !Objects.equals(x.compression(), y.compression())) {
            return Optional.of("type or compression differs");
        }
        return Optional.empty();
    }

    private static Optional<String> contentsChange(FirmwareImage a, FirmwareImage b, int offset, int size) {
        long end = Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(size);
        boolean same = end <= a.size() && end <= b.size()
                && Arrays.equals(a.bytes(), offset, (int) end, b.bytes(), offset, (int) end);
        return same ? Optional.empty() : Optional.of("contents differ");
    }
}
