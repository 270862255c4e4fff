package dev.custody.cli.rom;

import dev.custody.firmware.flash.Flashrom;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --chip}: flashrom's chip definition, for every command that runs flashrom. */
public final class ChipOption {
    @Option(names = "--chip", paramLabel = "NAME", description = "flashrom's chip definition, when several match.")
    Optional<String> chip = Optional.empty();

    /** flashrom with {@code programmer} and this chip. */
    public Flashrom flashrom(String programmer) {
        return Flashrom.of(programmer, chip);
    }
}
