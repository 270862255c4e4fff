package dev.custody.cli.rom;

import dev.custody.firmware.flash.Flashrom;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --programmer} and {@code --chip}: which flashrom programmer and chip definition to use. */
final class FlashromOptions {
    @Option(names = "--programmer", paramLabel = "P", defaultValue = "internal",
            description = "flashrom's programmer, e.g. internal or dummy:emulate=MX25L6436,image=FILE (default: ${DEFAULT-VALUE}).")
    String programmer;

    @Option(names = "--chip", paramLabel = "NAME", description = "flashrom's chip definition, when several match.")
    Optional<String> chip = Optional.empty();

    Flashrom flashrom() {
        return Flashrom.of(programmer, chip);
    }
}
