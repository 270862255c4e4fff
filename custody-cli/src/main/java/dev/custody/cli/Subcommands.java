package dev.custody.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Registers the commands a command line needs, and only those. picocli reflects over every
 * command class it is given, which costs a few hundred milliseconds for the whole tree, and
 * commands such as {@code custody totp} run at every boot. On each level, when the command line
 * names a subcommand, only that one is registered (and its own subcommands the same way); when it
 * names none, all are, so that help, usage errors and suggestions for typos list them all; for
 * {@code --version} none is.
 */
final class Subcommands {
    private static final SequencedMap<String, Supplier<Object>> TOP = new LinkedHashMap<>();
    private static final Set<String> VERSION = Set.of("--version", "-V");

    // Lambdas, not constructor references: linking a reference loads its class at once, and the
    // boot jar (bin/common.sh) lacks the libraries of commands such as menu and server.
    static {
        TOP.put("tpm", () -> new dev.custody.cli.tpm.TpmCommand());
        TOP.put("totp", () -> new dev.custody.cli.attest.TotpCommand());
        TOP.put("hotp", () -> new dev.custody.cli.attest.HotpCommand());
        TOP.put("lab", () -> new dev.custody.cli.lab.LabCommand());
        TOP.put("eventlog", () -> new dev.custody.cli.eventlog.EventlogCommand());
        TOP.put("rom", () -> new dev.custody.cli.rom.RomCommand());
        TOP.put("boot", () -> new dev.custody.cli.boot.BootCommand());
        TOP.put("key", () -> new dev.custody.cli.key.KeyCommand());
        TOP.put("menu", () -> new dev.custody.cli.menu.MenuCommand());
        TOP.put("seals", () -> new dev.custody.cli.seals.SealsCommand());
        TOP.put("disk-key", () -> new dev.custody.cli.disk.DiskKeyCommand());
        TOP.put("own", () -> new dev.custody.cli.own.OwnCommand());
        TOP.put("recovery-auth", () -> new dev.custody.cli.recovery.RecoveryAuthCommand());
        TOP.put("completion", () -> new dev.custody.cli.docs.CompletionCommand());
        TOP.put("manpages", () -> new dev.custody.cli.docs.ManpagesCommand());
        TOP.put("attest", () -> new dev.custody.cli.attest.AttestCommand());
        TOP.put("server", () -> new dev.custody.cli.server.ServerCommand());
    }

    private Subcommands() {}

    /** The top-level commands, for what walks them all (the tests' DirectRunIndex). */
    static Iterable<Supplier<Object>> top() {
        return TOP.values();
    }

    static void register(CommandLine cli, String... args) {
        register(cli, TOP, Arrays.asList(args));
    }

    /** A command named by the first words of a command line, and the words after its name. */
    record Leaf(Object command, List<String> rest) {}

    /**
     * The command {@code words} start with (group names, then the command's), or empty when they
     * do not start with a command's full name. Nothing is registered with picocli.
     */
    static Optional<Leaf> leaf(List<String> words) {
        SequencedMap<String, Supplier<Object>> level = TOP;
        for (int i = 0; i < words.size(); i++) {
            Supplier<Object> named = level.get(words.get(i));
            if (named == null) {
                return Optional.empty();
            }
            Object command = named.get();
            if (!(command instanceof CommandGroup group)) {
                return Optional.of(new Leaf(command, words.subList(i + 1, words.size())));
            }
            level = group.subcommands();
        }
        return Optional.empty();
    }

    private static void register(CommandLine parent, SequencedMap<String, Supplier<Object>> children, List<String> rest) {
        int named = indexOfSubcommand(children, rest);
        if (named >= 0) {
            add(parent, rest.get(named), children.get(rest.get(named)), rest.subList(named + 1, rest.size()));
        } else if (rest.isEmpty() || !VERSION.containsAll(rest)) {
            children.forEach((name, command) -> add(parent, name, command, List.of()));
        }
    }

    private static void add(CommandLine parent, String name, Supplier<Object> command, List<String> rest) {
        Object instance = command.get();
        CommandLine child = new CommandLine(instance);
        if (instance instanceof CommandGroup group) {
            register(child, group.subcommands(), rest);
        }
        parent.addSubcommand(name, child);
    }

    /** Where the command line names one of {@code children}; options are never names. */
    private static int indexOfSubcommand(SequencedMap<String, ?> children, List<String> rest) {
        for (int i = 0; i < rest.size(); i++) {
            if (!rest.get(i).startsWith("-") && children.containsKey(rest.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
