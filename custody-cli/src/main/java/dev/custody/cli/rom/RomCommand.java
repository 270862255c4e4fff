package dev.custody.cli.rom;

import picocli.CommandLine.Command;

/** {@code custody rom}: firmware images, from inspection to flashing. */
@Command(name = "rom", mixinStandardHelpOptions = true,
        description = "Inspect, edit, predict and flash coreboot/Heads firmware images.",
        subcommands = {InspectCommand.class, ExtractCommand.class, AddCommand.class, RemoveCommand.class,
            ConfigCommand.class, DiffCommand.class, PredictCommand.class, ReadCommand.class, FlashCommand.class})
public final class RomCommand {}
