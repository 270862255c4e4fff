package dev.custody.boot.kexec;

import dev.custody.common.TerminalText;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands that hand over to the chosen kernel: preparation steps (joining several initrds),
 * the exact {@code kexec -l} invocation, and {@code kexec -e}. Each command is a list of
 * arguments; {@link #script()} spells them for a POSIX shell.
 */
public record KexecPlan(List<List<String>> commands, String kernelCommandLine, List<String> warnings) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    public KexecPlan {
        commands = commands.stream().map(List::copyOf).toList();
        warnings = List.copyOf(warnings);
    }

    public List<String> load() {
        return commands.stream().filter(c -> c.size() > 1 && c.get(0).equals("kexec") && c.get(1).equals("-l"))
                .findFirst().orElseThrow();
    }

    public String script() {
        StringBuilder out = new StringBuilder("#!/bin/sh\nset -e\n");
        // A warning may quote a config file: escaped, so that a newline cannot end the comment.
        warnings.forEach(w -> out.append("# warning: ").append(TerminalText.escape(w)).append('\n'));
        commands.forEach(c -> out.append(shell(c)).append('\n'));
        return out.toString();
    }

    public static String shell(List<String> command) {
        return String.join(" ", command.stream().map(KexecPlan::quote).toList());
    }

    static String quote(String word) {
        if (word.equals(">")) {
            return word;
        }
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
