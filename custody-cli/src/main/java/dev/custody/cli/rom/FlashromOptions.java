package dev.custody.cli.rom;

import dev.custody.firmware.flash.Flashrom;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --programmer} and {@code --chip}: which flashrom programmer and chip definition to use. */
final class FlashromOptions {
    @Option(names = "--programmer", paramLabel = "P", defaultValue = "internal",
            description = "flashrom's programmer, e.g. internal or dummy:emulate=MX25L6436,image=FILE (default: ${DEFAULT-VALUE}).")
    String programmer;

    @Mixin ChipOption chip;

    Flashrom flashrom() {
        return chip.flashrom(programmer);
    }
}
