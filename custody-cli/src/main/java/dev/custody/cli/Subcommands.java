package dev.custody.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * The command tree, and the registering of the commands a command line needs, and only those.
 * picocli reflects over every command class it is given, which costs a few hundred milliseconds
 * for the whole tree, and commands such as {@code custody totp} run at every boot. On each level,
 * when the command line names a subcommand, only that one is registered (and its own subcommands
 * the same way); when it names none, all are, so that help, usage errors and suggestions for
 * typos list them all; for {@code --version} none is.
 *
 * <p>Groups whose subcommands are cheap to inspect declare them in their own
 * {@code @Command(subcommands = ...)} instead; picocli registers those.
 */
final class Subcommands {
    /** Every command by its path, in the order help lists them; a path's parent is a group. */
    private static final List<String> PATHS = List.of(
            "tpm",
            "tpm info",
            "tpm pcrs",
            "tpm extend",
            "tpm seal",
            "tpm unseal",
            "tpm persistent",
            "tpm nv",
            "tpm counter",
            "tpm quote",
            "tpm owner",
            "tpm power-cycle",
            "tpm vtpm",
            "totp",
            "hotp",
            "lab",
            "lab demo",
            "lab create",
            "lab power-on",
            "lab tamper",
            "lab install-kernel",
            "lab status",
            "lab stop",
            "eventlog",
            "eventlog show",
            "eventlog replay",
            "eventlog check",
            "eventlog diff",
            "rom",
            "rom inspect",
            "rom extract",
            "rom add",
            "rom remove",
            "rom config",
            "rom diff",
            "rom predict",
            "rom read",
            "rom flash",
            "boot",
            "boot entries",
            "boot sign",
            "boot verify",
            "boot changes",
            "boot plan",
            "boot root-hashes",
            "boot recovery",
            "boot reseal",
            "boot unlock",
            "key",
            "menu",
            "seals",
            "disk-key",
            "disk-key seal",
            "disk-key unseal",
            "disk-key status",
            "own",
            "recovery-auth",
            "recovery-auth set",
            "recovery-auth off",
            "completion",
            "manpages",
            "attest",
            "server");
    private static final Set<String> VERSION = Set.of("--version", "-V");

    private Subcommands() {}

    /**
     * A new instance of the command at {@code path}. A switch, not a table of constructor
     * references or lambdas: linking one loads its class (or spins one) at once, and the boot jar
     * (bin/common.sh) lacks the libraries of commands such as menu and server.
     */
    private static Object command(String path) {
        return switch (path) {
            case "tpm" -> new dev.custody.cli.tpm.TpmCommand();
            case "tpm info" -> new dev.custody.cli.tpm.InfoCommand();
            case "tpm pcrs" -> new dev.custody.cli.tpm.PcrsCommand();
            case "tpm extend" -> new dev.custody.cli.tpm.ExtendCommand();
            case "tpm seal" -> new dev.custody.cli.tpm.SealCommand();
            case "tpm unseal" -> new dev.custody.cli.tpm.UnsealCommand();
            case "tpm persistent" -> new dev.custody.cli.tpm.PersistentCommand();
            case "tpm nv" -> new dev.custody.cli.tpm.NvCommand();
            case "tpm counter" -> new dev.custody.cli.tpm.CounterCommand();
            case "tpm quote" -> new dev.custody.cli.tpm.QuoteCommand();
            case "tpm owner" -> new dev.custody.cli.tpm.OwnershipCommand();
            case "tpm power-cycle" -> new dev.custody.cli.tpm.PowerCycleCommand();
            case "tpm vtpm" -> new dev.custody.cli.tpm.VtpmCommand();
            case "totp" -> new dev.custody.cli.attest.TotpCommand();
            case "hotp" -> new dev.custody.cli.attest.HotpCommand();
            case "lab" -> new dev.custody.cli.lab.LabCommand();
            case "lab demo" -> new dev.custody.cli.lab.LabDemoCommand();
            case "lab create" -> new dev.custody.cli.lab.LabCreateCommand();
            case "lab power-on" -> new dev.custody.cli.lab.LabPowerOnCommand();
            case "lab tamper" -> new dev.custody.cli.lab.LabTamperCommand();
            case "lab install-kernel" -> new dev.custody.cli.lab.LabInstallKernelCommand();
            case "lab status" -> new dev.custody.cli.lab.LabStatusCommand();
            case "lab stop" -> new dev.custody.cli.lab.LabStopCommand();
            case "eventlog" -> new dev.custody.cli.eventlog.EventlogCommand();
            case "eventlog show" -> new dev.custody.cli.eventlog.ShowCommand();
            case "eventlog replay" -> new dev.custody.cli.eventlog.ReplayCommand();
            case "eventlog check" -> new dev.custody.cli.eventlog.CheckCommand();
            case "eventlog diff" -> new dev.custody.cli.eventlog.DiffCommand();
            case "rom" -> new dev.custody.cli.rom.RomCommand();
            case "rom inspect" -> new dev.custody.cli.rom.InspectCommand();
            case "rom extract" -> new dev.custody.cli.rom.ExtractCommand();
            case "rom add" -> new dev.custody.cli.rom.AddCommand();
            case "rom remove" -> new dev.custody.cli.rom.RemoveCommand();
            case "rom config" -> new dev.custody.cli.rom.ConfigCommand();
            case "rom diff" -> new dev.custody.cli.rom.DiffCommand();
            case "rom predict" -> new dev.custody.cli.rom.PredictCommand();
            case "rom read" -> new dev.custody.cli.rom.ReadCommand();
            case "rom flash" -> new dev.custody.cli.rom.FlashCommand();
            case "boot" -> new dev.custody.cli.boot.BootCommand();
            case "boot entries" -> new dev.custody.cli.boot.EntriesCommand();
            case "boot sign" -> new dev.custody.cli.boot.SignCommand();
            case "boot verify" -> new dev.custody.cli.boot.VerifyCommand();
            case "boot changes" -> new dev.custody.cli.boot.ChangesCommand();
            case "boot plan" -> new dev.custody.cli.boot.PlanCommand();
            case "boot root-hashes" -> new dev.custody.cli.boot.RootHashesCommand();
            case "boot recovery" -> new dev.custody.cli.boot.RecoveryCommand();
            case "boot reseal" -> new dev.custody.cli.boot.ResealCommand();
            case "boot unlock" -> new dev.custody.cli.boot.UnlockCommand();
            case "key" -> new dev.custody.cli.key.KeyCommand();
            case "menu" -> new dev.custody.cli.menu.MenuCommand();
            case "seals" -> new dev.custody.cli.seals.SealsCommand();
            case "disk-key" -> new dev.custody.cli.disk.DiskKeyCommand();
            case "disk-key seal" -> new dev.custody.cli.disk.DiskKeySealCommand();
            case "disk-key unseal" -> new dev.custody.cli.disk.DiskKeyUnsealCommand();
            case "disk-key status" -> new dev.custody.cli.disk.DiskKeyStatusCommand();
            case "own" -> new dev.custody.cli.own.OwnCommand();
            case "recovery-auth" -> new dev.custody.cli.recovery.RecoveryAuthCommand();
            case "recovery-auth set" -> new dev.custody.cli.recovery.RecoveryAuthSetCommand();
            case "recovery-auth off" -> new dev.custody.cli.recovery.RecoveryAuthOffCommand();
            case "completion" -> new dev.custody.cli.docs.CompletionCommand();
            case "manpages" -> new dev.custody.cli.docs.ManpagesCommand();
            case "attest" -> new dev.custody.cli.attest.AttestCommand();
            case "server" -> new dev.custody.cli.server.ServerCommand();
            default -> throw new IllegalArgumentException("no command " + path);
        };
    }

    /** Every command that is not a group of this table, made the way a command line makes it. */
    static List<Object> leaves() {
        List<Object> leaves = new ArrayList<>();
        for (String path : PATHS) {
            if (children(path).isEmpty()) {
                leaves.add(command(path));
            }
        }
        return leaves;
    }

    static void register(CommandLine cli, String... args) {
        register(cli, "", List.of(args));
    }

    /** A command named by the first words of a command line, and the words after its name. */
    record Leaf(Object command, List<String> rest) {}

    /**
     * The command {@code words} start with (group names, then the command's), or empty when they
     * do not start with a command's full name. Nothing is registered with picocli.
     */
    static Optional<Leaf> leaf(List<String> words) {
        String path = "";
        for (int i = 0; i < words.size(); i++) {
            path = path.isEmpty() ? words.get(i) : path + " " + words.get(i);
            if (!PATHS.contains(path)) {
                return Optional.empty();
            }
            if (children(path).isEmpty()) {
                return Optional.of(new Leaf(command(path), words.subList(i + 1, words.size())));
            }
        }
        return Optional.empty();
    }

    /** The names of the commands directly below {@code parent} ("" for the top), in help order. */
    private static List<String> children(String parent) {
        String prefix = parent.isEmpty() ? "" : parent + " ";
        List<String> names = new ArrayList<>();
        for (String path : PATHS) {
            if (path.startsWith(prefix) && path.indexOf(' ', prefix.length()) < 0 && path.length() > prefix.length()) {
                names.add(path.substring(prefix.length()));
            }
        }
        return names;
    }

    private static void register(CommandLine parent, String parentPath, List<String> rest) {
        List<String> children = children(parentPath);
        int named = indexOfSubcommand(children, rest);
        if (named >= 0) {
            add(parent, parentPath, rest.get(named), rest.subList(named + 1, rest.size()));
        } else if (rest.isEmpty() || !VERSION.containsAll(rest)) {
            for (String name : children) {
                add(parent, parentPath, name, List.of());
            }
        }
    }

    private static void add(CommandLine parent, String parentPath, String name, List<String> rest) {
        String path = parentPath.isEmpty() ? name : parentPath + " " + name;
        CommandLine child = new CommandLine(command(path));
        register(child, path, rest);
        parent.addSubcommand(name, child);
    }

    /** Where the command line names one of {@code children}; options are never names. */
    private static int indexOfSubcommand(List<String> children, List<String> rest) {
        for (int i = 0; i < rest.size(); i++) {
            if (!rest.get(i).startsWith("-") && children.contains(rest.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
