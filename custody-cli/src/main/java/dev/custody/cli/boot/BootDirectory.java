package dev.custody.cli.boot;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --boot} option: which /boot folder a command works on. */
public final class BootDirectory {
    @Option(names = "--boot", paramLabel = "DIR", defaultValue = "/boot",
            description = "The /boot folder (default: ${DEFAULT-VALUE}).")
    Path boot;

    public Path path() {
        return boot.toAbsolutePath().normalize();
    }
}
