package dev.custody.cli.rom;

import dev.custody.firmware.cbfs.CbfsEditor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a file from the image's CBFS.")
final class RemoveCommand implements Callable<Integer> {
    @Mixin
    RomImage rom;

    @Option(names = "--name", required = true, description = "The CBFS name.")
    String name;

    @Mixin
    RegionOption region;

    @Mixin
    RomOutput output;

    @Override
    public Integer call() throws Exception {
        output.write(rom, CbfsEditor.of(rom.read(), region.region).remove(name).bytes());
        return 0;
    }
}
