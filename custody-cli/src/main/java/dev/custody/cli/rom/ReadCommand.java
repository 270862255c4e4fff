package dev.custody.cli.rom;

import dev.custody.firmware.flash.SafeFlasher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "read", mixinStandardHelpOptions = true, description = "Read the flash chip into a file (atomically).")
public final class ReadCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "F", description = "Where to save the chip's contents.") Path output;

    @Mixin FlashromOptions flashrom;

    @Override
    public Integer call() throws Exception {
        try (TerminalProgress progress = TerminalProgress.start("Reading", 1)) {
            progress.step(1, 1, "Reading the chip into " + output);
            new SafeFlasher(flashrom.flashrom(), progress).readChip(output);
        }
        return 0;
    }
}
