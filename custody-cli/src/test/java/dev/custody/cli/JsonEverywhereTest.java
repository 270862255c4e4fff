package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command that reports something takes {@code --json} (the README promises it). The ones that
 * do not are listed here with the reason, so a new command without it fails until it is decided.
 */
class JsonEverywhereTest {
    private static final Map<String, String> WITHOUT_JSON = Map.ofEntries(
            Map.entry("custody completion", "prints a shell script"),
            Map.entry("custody rom extract", "writes a file and prints nothing"),
            Map.entry("custody rom add", "writes the image and prints nothing"),
            Map.entry("custody rom remove", "writes the image and prints nothing"),
            Map.entry("custody rom read", "writes the chip's contents to a file; progress goes to the terminal"),
            Map.entry("custody manpages", "writes man pages"),
            Map.entry("custody menu", "a full-screen terminal menu"),
            Map.entry("custody lab demo", "a narrated story for a person"),
            Map.entry("custody server start", "runs the server in the foreground"),
            Map.entry("custody boot unlock", "speaks the CUSTODY-* line protocol the initramfs and QEMU tests read"),
            Map.entry("custody disk-key unseal", "writes the key itself (a cryptsetup keyscript reads standard output)"),
            Map.entry("custody tpm unseal", "writes the secret itself"),
            Map.entry("custody tpm nv write", "prints nothing"),
            Map.entry("custody tpm nv undefine", "prints nothing"),
            Map.entry("custody tpm owner dictionary-attack", "prints nothing"));

    @Test
    void everyLeafCommandTakesJsonOrIsListedWithItsReason() {
        List<String> missing = new ArrayList<>();
        List<String> listedButHasIt = new ArrayList<>();
        for (CommandLine command : leaves(PicocliRun.commandTree())) {
            String name = command.getCommandSpec().qualifiedName();
            boolean hasJson = command.getCommandSpec().findOption("--json") != null;
            if (!hasJson && !WITHOUT_JSON.containsKey(name)) {
                missing.add(name);
            }
            if (hasJson && WITHOUT_JSON.containsKey(name)) {
                listedButHasIt.add(name);
            }
        }
        assertThat(missing).as("commands without --json").isEmpty();
        assertThat(listedButHasIt).as("listed as without --json, but have it").isEmpty();
    }

    @Test
    void theListNamesOnlyCommandsThatExist() {
        List<String> names = leaves(PicocliRun.commandTree()).stream().map(c -> c.getCommandSpec().qualifiedName()).toList();
        assertThat(names).containsAll(WITHOUT_JSON.keySet());
    }

    private static List<CommandLine> leaves(CommandLine command) {
        if (command.getSubcommands().isEmpty()) {
            return List.of(command);
        }
        List<CommandLine> all = new ArrayList<>();
        command.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(leaves(sub)));
        return all;
    }
}
