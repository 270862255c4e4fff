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
        commands.put("inspect", InspectCommand::new);
        commands.put("extract", ExtractCommand::new);
        commands.put("add", AddCommand::new);
        commands.put("remove", RemoveCommand::new);
        commands.put("config", ConfigCommand::new);
        commands.put("diff", DiffCommand::new);
        commands.put("predict", PredictCommand::new);
        commands.put("read", ReadCommand::new);
        commands.put("flash", FlashCommand::new);
        return commands;
    }
}
