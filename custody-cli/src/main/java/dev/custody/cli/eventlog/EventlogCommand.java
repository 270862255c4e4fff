package dev.custody.cli.eventlog;

import dev.custody.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(
        name = "eventlog",
        mixinStandardHelpOptions = true,
        description = {
            "Read, replay, check and compare measurement logs: TCG SHA1 and crypto-agile logs, coreboot's "
                    + "CBMEM logs (table, CBT1, CBT2) and the text of cbmem -L.",
            "FILE may be 'host' (or be left out) for this machine's own log (securityfs, else cbmem -L); "
                    + "'-' reads standard input.",
        })
public final class EventlogCommand implements CommandGroup {
    @Override
    public SequencedMap<String, Supplier<Object>> subcommands() {
        SequencedMap<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("show", () -> new ShowCommand());
        commands.put("replay", () -> new ReplayCommand());
        commands.put("check", () -> new CheckCommand());
        commands.put("diff", () -> new DiffCommand());
        return commands;
    }
}
