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
        commands.put("entries", () -> new EntriesCommand());
        commands.put("sign", () -> new SignCommand());
        commands.put("verify", () -> new VerifyCommand());
        commands.put("changes", () -> new ChangesCommand());
        commands.put("plan", () -> new PlanCommand());
        commands.put("root-hashes", () -> new RootHashesCommand());
        commands.put("recovery", () -> new RecoveryCommand());
        commands.put("reseal", () -> new ResealCommand());
        commands.put("unlock", () -> new UnlockCommand());
        return commands;
    }
}
