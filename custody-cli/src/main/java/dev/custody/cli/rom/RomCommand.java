package dev.custody.cli.rom;

import dev.custody.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code custody rom}: firmware images, from inspection to flashing. */
@Command(name = "rom", mixinStandardHelpOptions = true,
        description = "Inspect, edit, predict and flash coreboot/Heads firmware images.")
public final class RomCommand implements CommandGroup {
    @Override
    public SequencedMap<String, Supplier<Object>> subcommands() {
        SequencedMap<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("inspect", () -> new InspectCommand());
        commands.put("extract", () -> new ExtractCommand());
        commands.put("add", () -> new AddCommand());
        commands.put("remove", () -> new RemoveCommand());
        commands.put("config", () -> new ConfigCommand());
        commands.put("diff", () -> new DiffCommand());
        commands.put("predict", () -> new PredictCommand());
        commands.put("read", () -> new ReadCommand());
        commands.put("flash", () -> new FlashCommand());
        return commands;
    }
}
