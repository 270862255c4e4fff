package dev.custody.cli.rom;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --region}: which CBFS a command works on. */
final class RegionOption {
    @Option(names = "--region", description = "The FMAP region holding the CBFS (default: COREBOOT).") Optional<String> region = Optional.empty();
}
