package dev.custody.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The top-level commands. picocli reflects over every command class it is given, which costs
 * a few hundred milliseconds for the whole tree; commands such as {@code custody totp} run at
 * every boot, so only the command actually invoked is registered (all of them for help).
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("tpm", dev.custody.cli.tpm.TpmCommand::new);
        ALL.put("totp", dev.custody.cli.attest.TotpCommand::new);
        ALL.put("hotp", dev.custody.cli.attest.HotpCommand::new);
        ALL.put("lab", dev.custody.cli.lab.LabCommand::new);
        ALL.put("eventlog", dev.custody.cli.eventlog.EventlogCommand::new);
        ALL.put("rom", dev.custody.cli.rom.RomCommand::new);
        ALL.put("boot", dev.custody.cli.boot.BootCommand::new);
        ALL.put("key", dev.custody.cli.key.KeyCommand::new);
        ALL.put("menu", dev.custody.cli.menu.MenuCommand::new);
        ALL.put("seals", dev.custody.cli.seals.SealsCommand::new);
        ALL.put("disk-key", dev.custody.cli.disk.DiskKeyCommand::new);
        ALL.put("own", dev.custody.cli.own.OwnCommand::new);
        ALL.put("completion", dev.custody.cli.docs.CompletionCommand::new);
        ALL.put("manpages", dev.custody.cli.docs.ManpagesCommand::new);
        ALL.put("attest", dev.custody.cli.attest.AttestCommand::new);
        ALL.put("server", dev.custody.cli.server.ServerCommand::new);
    }

    private Subcommands() {}

    static void register(CommandLine cli, String... args) {
        String invoked = firstWord(args);
        if (invoked != null && ALL.containsKey(invoked)) {
            cli.addSubcommand(invoked, ALL.get(invoked).get());
            return;
        }
        ALL.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }

    /** The first argument that is not a global option such as --debug. */
    private static String firstWord(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
