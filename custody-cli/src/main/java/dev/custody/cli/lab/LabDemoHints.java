package dev.custody.cli.lab;

import dev.custody.machine.LabMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the demo suggests next: commands that work when pasted as printed, in order. */
final class LabDemoHints {
    private LabDemoHints() {}

    record Hint(String arguments, String why) {}

    static List<Hint> tryNext(LabMachine lab) {
        String d = quoted(lab.directory().toString());
        return List.of(
                new Hint("totp --machine " + d, "the code, as the phone shows it"),
                new Hint("lab status " + d, "on or off, what is sealed, whether /boot verifies"),
                new Hint("menu --machine " + d, "the boot menu, with the TOTP in its title (Esc leaves)"),
                new Hint("eventlog show " + quoted(lab.eventLog().toString()), "what the firmware measured"),
                new Hint("lab stop " + d, "switches the machine off"));
    }

    /**
     * How the user can run Custody: {@code custody} when that name on the PATH is this checkout's
     * command (bin/setup links it), otherwise the full path of bin/custody, so that the hints work
     * when pasted.
     */
    static String commandName() {
        Optional<Path> script = Optional.ofNullable(System.getenv("CUSTODY_SCRIPT")).map(Path::of);
        if (script.isEmpty()) {
            return "custody";
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "custody");
            if (Files.isExecutable(candidate)) {
                return sameFile(candidate, script.get()) ? "custody" : script.get().toString();
            }
        }
        return script.get().toString();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String quoted(String path) {
        return path.matches("[A-Za-z0-9_./+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
