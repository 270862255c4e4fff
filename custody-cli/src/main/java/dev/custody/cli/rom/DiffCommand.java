package dev.custody.cli.rom;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.StandardOutput;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.diff.Difference;
import dev.custody.firmware.diff.RomDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"List descriptor regions, FMAP areas and CBFS files added, removed or changed from A to B.",
            "With --exit-code, exits 3 when they differ (like git diff --exit-code).",
            "--json prints {\"differences\": [{\"scope\",\"name\",\"change\",\"detail\"}]}."})
public final class DiffCommand implements Callable<Integer> {
    /** Differences are not failures (1), but scripts asking with --exit-code need to tell them apart. */
    static final int DIFFERENT = 3;

    @Parameters(index = "0", paramLabel = "A", description = "The first image.") Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second image.") Path b;

    @Mixin JsonOutput json;

    @Option(names = "--exit-code", description = "Exit 3 when the images differ, 0 when they are the same.") boolean exitCode;

    @Override
    public Integer call() throws Exception {
        List<Difference> differences = RomDiff.between(FirmwareImage.read(a), FirmwareImage.read(b));
        json.print(StandardOutput.writer(), () -> Map.of("differences", differences.stream().map(Difference::toJson).toList()),
                () -> differences.stream().map(Difference::line).toList());
        return exitCode && !differences.isEmpty() ? DIFFERENT : 0;
    }
}
