package dev.custody.cli.seals;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A custody command run on a pseudo-terminal (util-linux {@code script}), as a user at a shell
 * sees it: progress lines and prompts appear only there.
 *
 * @param screen everything the terminal showed, stdout and stderr together, with the echoed typing
 */
record TerminalRun(int exitCode, String screen) {

    /** Runs {@code custody ARGS}, typing {@code typed} (then end of input) at its terminal. */
    static TerminalRun of(String typed, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.custody.cli.Main"));
        command.addAll(List.of(args));
        Process terminal = new ProcessBuilder("script", "-qec", String.join(" ", command), "/dev/null")
                .redirectErrorStream(true).start();
        try (OutputStream keys = terminal.getOutputStream()) {
            keys.write(typed.getBytes(UTF_8));
        }
        String screen = new String(terminal.getInputStream().readAllBytes(), UTF_8);
        return new TerminalRun(terminal.waitFor(), screen);
    }
}
