package dev.custody.cli.rom;

import dev.custody.firmware.FirmwareImage;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code ROM}: the firmware image a {@code rom} subcommand reads, and an edit writes back unless {@code --output}. */
final class RomImage {
    @Parameters(paramLabel = "ROM", description = "The firmware image.") Path path;

    FirmwareImage read() throws IOException {
        return FirmwareImage.read(path);
    }
}
