package dev.custody.cli.rom;

import picocli.CommandLine.Command;

/** {@code custody rom}: firmware images, from inspection to flashing. */
@Command(name = "rom", mixinStandardHelpOptions = true,
        description = "Inspect, edit, predict and flash coreboot/Heads firmware images.")
public final class RomCommand {}
