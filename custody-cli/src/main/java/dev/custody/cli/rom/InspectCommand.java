package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.cli.StandardOutput;
import dev.custody.common.TerminalText;
import dev.custody.firmware.ImageReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a firmware image's descriptor regions, flash map, CBFS files, binary blobs and security findings.",
            "--json prints the members size, ifd, fmap, cbfs, blobs and findings."})
final class InspectCommand implements Callable<Integer> {
    @Mixin
    RomImage rom;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> report = ImageReport.of(rom.read(),
                json.requested() ? ImageReport.Digests.INCLUDED : ImageReport.Digests.LEFT_OUT);
        PrintWriter out = StandardOutput.writer();
        out.print(json.requested() ? Json.write(report) + "\n" : text(report));
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> report) {
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
}
