package dev.custody.cli.boot;

import dev.custody.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Sign, verify and boot /boot the way Heads does, in Heads' formats.",
            "List entries, sign, verify, show changes, plan the kexec."})
public final class BootCommand implements CommandGroup {
    @Override
    public SequencedMap<String, Supplier<Object>> subcommands() {
        SequencedMap<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("entries", EntriesCommand::new);
        commands.put("sign", SignCommand::new);
        commands.put("verify", VerifyCommand::new);
        commands.put("changes", ChangesCommand::new);
        commands.put("plan", PlanCommand::new);
        commands.put("root-hashes", RootHashesCommand::new);
        commands.put("recovery", RecoveryCommand::new);
        commands.put("reseal", ResealCommand::new);
        commands.put("unlock", UnlockCommand::new);
        return commands;
    }
}
