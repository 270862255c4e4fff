package dev.custody.cli.rom;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Write one CBFS file's contents to a file, decompressed unless --stored is given.")
final class ExtractCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ROM", description = "The firmware image.")
    Path rom;

    @Option(names = "--name", required = true, description = "The CBFS file name, e.g. fallback/romstage.")
    String name;

    @Option(names = "--output", required = true, paramLabel = "F", description = "Where to write the contents.")
    Path output;

    @Option(names = "--stored", description = "Write the bytes as stored (compressed), like cbfstool extract -U.")
    boolean stored;

    @Mixin
    RegionOption region;

    @Override
    public Integer call() throws Exception {
        CbfsFile file = FirmwareImage.read(rom).cbfs(region.region).require(name);
        AtomicFiles.write(output, stored ? file.data() : file.contents());
        return 0;
    }
}
