package dev.custody.cli.boot;

import dev.custody.boot.policy.BootPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option: Heads' config.user with the boot policy. */
public final class PolicyOption {
    @Option(names = "--config", paramLabel = "config.user",
            description = "Heads-style settings (CONFIG_RESTRICTED_BOOT, CONFIG_AUTO_BOOT_TIMEOUT, ...). Default: none set.")
    Path file;

    /** The config.user given, if any. */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(file);
    }

    public BootPolicy policy() {
        return file == null ? BootPolicy.DEFAULT : BootPolicy.read(file);
    }
}
