package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.cli.StandardOutput;
import dev.custody.firmware.ImageReport;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a firmware image's descriptor regions, flash map, CBFS files, binary blobs and security findings.",
            "--json prints the members size, ifd, fmap, cbfs, blobs and findings."})
public final class InspectCommand implements Callable<Integer> {
    @Mixin RomImage rom;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> report = ImageReport.of(rom.read(),
                json.requested() ? ImageReport.Digests.INCLUDED : ImageReport.Digests.LEFT_OUT);
        PrintWriter out = StandardOutput.writer();
        out.print(json.requested() ? Json.write(report) + "\n" : ImageReport.text(report));
        out.flush();
        return 0;
    }
}
