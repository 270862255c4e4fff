package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.common.TerminalText;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.diff.Difference;
import dev.custody.firmware.diff.RomDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"List descriptor regions, FMAP areas and CBFS files added, removed or changed from A to B.",
            "With --exit-code, exits 3 when they differ (like git diff --exit-code).",
            "--json prints {\"differences\": [{\"scope\",\"name\",\"change\",\"detail\"}]}."})
final class DiffCommand implements Callable<Integer> {
    /** Differences are not failures (1), but scripts asking with --exit-code need to tell them apart. */
    static final int DIFFERENT = 3;

    @Parameters(index = "0", paramLabel = "A", description = "The first image.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second image.")
    Path b;

    @Mixin
    JsonOutput json;

    @Option(names = "--exit-code", description = "Exit 3 when the images differ, 0 when they are the same.")
    boolean exitCode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Difference> differences = RomDiff.between(FirmwareImage.read(a), FirmwareImage.read(b));
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.write(Map.of("differences", differences.stream().map(DiffCommand::entry).toList())));
        } else {
            differences.forEach(d -> out.print(TerminalText.format("%-8s %-10s %s: %s%n",
                    d.change().name().toLowerCase(Locale.ROOT), d.scope(), d.name(), d.detail())));
        }
        out.flush();
        return exitCode && !differences.isEmpty() ? DIFFERENT : 0;
    }

    private static Map<String, Object> entry(Difference d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", d.scope());
        out.put("name", d.name());
        out.put("change", d.change().name().toLowerCase(Locale.ROOT));
        out.put("detail", d.detail());
        return out;
    }
}
