package dev.custody.cli.rom;

import dev.custody.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --output}: where an edited image goes, else back over the input; atomically either way. */
final class RomOutput {
    @Option(names = "--output", paramLabel = "OUT", description = "Write the edited image here instead of over ROM.")
    Optional<Path> output = Optional.empty();

    void write(RomImage rom, byte[] edited) throws IOException {
        AtomicFiles.write(output.orElse(rom.path), edited);
    }
}
