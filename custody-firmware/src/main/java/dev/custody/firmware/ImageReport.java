package dev.custody.firmware;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.fmap.Fmap;
import dev.custody.firmware.ifd.FlashDescriptor;
import dev.custody.firmware.ifd.FlashMaster;
import dev.custody.firmware.ifd.FlashRegion;
import dev.custody.firmware.ifd.RegionKind;
import dev.custody.firmware.inventory.Blob;
import dev.custody.firmware.inventory.BlobInventory;
import dev.custody.firmware.inventory.Finding;
import dev.custody.firmware.inventory.Findings;
import dev.custody.firmware.me.FptEntry;
import dev.custody.firmware.me.GbeRegion;
import dev.custody.firmware.me.MeRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a firmware image holds, as the JSON of {@code rom inspect} shows it: size, ifd, fmap, cbfs,
 * blobs, findings, in that order, as maps and lists that keep their order.
 */
public final class ImageReport {
    /**
     * Whether the report carries the SHA-256 of every CBFS file and blob. The text form shows
     * none, and hashing the whole image (most of it the empty space file and the ME region) is
     * most of the command's time when a JVM has just started.
     */
    public enum Digests { INCLUDED, LEFT_OUT }

    private ImageReport() {}

    public static Map<String, Object> of(FirmwareImage image, Digests digests) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("size", image.size());
        report.put("ifd", image.ifd().map(ifd -> ifd(image.bytes(), ifd)).orElse(null));
        report.put("fmap", image.fmap().map(ImageReport::fmap).orElse(null));
        report.put("cbfs", image.cbfs().stream().flatMap(c -> c.files().stream().map(f -> cbfsFile(c, f, digests))).toList());
        report.put("blobs", BlobInventory.of(image).stream().map(b -> blob(b, digests)).toList());
        report.put("findings", Findings.of(image).stream().map(ImageReport::finding).toList());
        return report;
    }

    /** The report as {@code rom inspect} prints it without --json; names from the image are escaped. */
    @SuppressWarnings("unchecked")
    public static String text(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        out.append("Image size: ").append(report.get("size")).append(" bytes\n");
        if (report.get("ifd") instanceof Map<?, ?> ifd) {
            out.append("\nIntel flash descriptor, version ").append(ifd.get("version")).append('\n');
            for (Map<String, Object> region : (List<Map<String, Object>>) ifd.get("regions")) {
                out.append(TerminalText.format("  %-2s %-18s %08x - %08x%s%n", region.get("index"), region.get("name"),
                        region.get("base"), region.get("limit"), Boolean.TRUE.equals(region.get("used")) ? "" : " (unused)"));
            }
            if (ifd.get("me") instanceof Map<?, ?> me) {
                out.append(TerminalText.format("  ME: %s, %d partitions, %s%n", me.get("generation") == null ? "no $FPT" : me.get("generation"),
                        ((List<?>) me.get("partitions")).size(), Boolean.TRUE.equals(me.get("neutralised")) ? "neutralised" : "not neutralised"));
            }
            if (ifd.get("gbe") instanceof Map<?, ?> gbe) {
                out.append(TerminalText.format("  GbE: MAC %s, checksum %s%n", gbe.get("mac"), Boolean.TRUE.equals(gbe.get("erased")) ? "(erased)"
                        : Boolean.TRUE.equals(gbe.get("checksumValid")) ? "valid" : "WRONG"));
            }
        }
        if (report.get("fmap") instanceof Map<?, ?> fmap) {
            out.append("\nFlash map:\n");
            for (Map<String, Object> area : (List<Map<String, Object>>) fmap.get("areas")) {
                out.append(TerminalText.format("  %-24s 0x%08x %10d%n", area.get("name"), area.get("offset"), area.get("size")));
            }
        }
        out.append("\nCBFS files:\n");
        out.append(TerminalText.format("  %-14s %-34s %-10s %-12s %10s %s%n", "Region", "Name", "Offset", "Type", "Size", "Comp"));
        for (Map<String, Object> file : (List<Map<String, Object>>) report.get("cbfs")) {
            out.append(TerminalText.format("  %-14s %-34s 0x%-8x %-12s %10d %s%n", file.get("region"), file.get("name"), file.get("offset"),
                    file.get("type"), file.get("size"), file.get("compression")));
        }
        out.append("\nBinary blobs:\n");
        for (Map<String, Object> blob : (List<Map<String, Object>>) report.get("blobs")) {
            out.append(TerminalText.format("  %-30s %-40s %10d bytes%s%n", blob.get("kind"), blob.get("location"), blob.get("size"),
                    Boolean.TRUE.equals(blob.get("runsOnMainCpu")) ? "  (runs on the main CPU)" : ""));
        }
        out.append("\nFindings:\n");
        for (Map<String, Object> finding : (List<Map<String, Object>>) report.get("findings")) {
            out.append(TerminalText.format("  [%s] %s%n", finding.get("severity"), finding.get("message")));
        }
        return out.toString();
    }

    private static Map<String, Object> cbfsFile(Cbfs cbfs, CbfsFile file, Digests digests) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("region", cbfs.region());
        entry.put("name", file.displayName());
        entry.put("type", file.type().cbfstoolName());
        entry.put("offset", file.offset());
        entry.put("size", file.data().length);
        entry.put("compression", file.compression().label());
        entry.put("decompressedSize", file.decompressedSize());
        if (digests == Digests.INCLUDED) {
            entry.put("sha256", Sha256.hex(Sha256.of(file.data())));
        }
        return entry;
    }

    private static Map<String, Object> fmap(Fmap fmap) {
        List<Map<String, Object>> areas = fmap.areas().stream().map(a -> object("name", a.name(),
                "offset", Integer.toUnsignedLong(a.offset()), "size", Integer.toUnsignedLong(a.size()), "flags", a.flags())).toList();
        return object("offset", fmap.location(), "name", fmap.name(), "areas", areas);
    }

    private static Map<String, Object> ifd(byte[] bytes, FlashDescriptor ifd) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", ifd.version() == dev.custody.firmware.ifd.IfdVersion.V1 ? 1 : 2);
        out.put("regions", ifd.regions().stream().map(ImageReport::region).toList());
        out.put("masters", ifd.masters().stream().map(ImageReport::master).toList());
        out.put(ifd.meDisableStrapName(), ifd.meDisableStrapSet());
        out.put("me", ifd.region(RegionKind.ME).map(r -> me(MeRegion.of(bytes, ifd, r))).orElse(null));
        out.put("gbe", ifd.region(RegionKind.GBE).map(r -> gbe(GbeRegion.of(bytes, r))).orElse(null));
        return out;
    }

    private static Map<String, Object> region(FlashRegion region) {
        return object("index", region.index(), "name", region.kind().ifdtoolName(),
                "base", Integer.toUnsignedLong(region.base()), "limit", Integer.toUnsignedLong(region.limit()),
                "used", region.used());
    }

    private static Map<String, Object> master(FlashMaster master) {
        return object("number", master.number(), "master", master.master(),
                "read", master.readable().stream().map(RegionKind::ifdtoolName).toList(),
                "write", master.writable().stream().map(RegionKind::ifdtoolName).toList());
    }

    private static Map<String, Object> me(MeRegion me) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generation", me.generation().orElse(null));
        List<Map<String, Object>> partitions = new ArrayList<>();
        me.table().ifPresent(t -> t.validEntries().forEach(e -> partitions.add(partition(e))));
        out.put("partitions", partitions);
        out.put("partitionsRemoved", me.partitionsRemoved());
        out.put("unlistedSpaceErased", me.unlistedSpaceErased());
        out.put("fileSystemPresent", me.fileSystemPresent());
        out.put("disableStrapSet", me.disableStrapSet());
        out.put("meMasterRestricted", me.meMasterRestricted());
        out.put("neutralised", me.neutralised());
        return out;
    }

    private static Map<String, Object> partition(FptEntry entry) {
        return object("name", entry.name(), "offset", Integer.toUnsignedLong(entry.offset()),
                "size", Integer.toUnsignedLong(entry.length()));
    }

    private static Map<String, Object> gbe(GbeRegion gbe) {
        return object("mac", gbe.macAddress(), "checksumValid", gbe.checksumValid(), "erased", gbe.erased());
    }

    private static Map<String, Object> blob(Blob blob, Digests digests) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", blob.kind().description());
        out.put("location", blob.location());
        out.put("offset", blob.offset());
        out.put("size", blob.size());
        if (digests == Digests.INCLUDED) {
            out.put("sha256", blob.sha256());
        }
        out.put("runsOnMainCpu", blob.runsOnMainCpu());
        return out;
    }

    private static Map<String, Object> finding(Finding finding) {
        return object("severity", finding.severity().name().toLowerCase(java.util.Locale.ROOT), "id", finding.id(),
                "message", finding.message());
    }
}
