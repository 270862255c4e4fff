package dev.custody.cli.menu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An 80x25 tmux session on its own server socket, driven with keystrokes and read by screen
 * capture. {@link #close()} kills the server and with it everything started inside.
 */
public final class Tmux implements AutoCloseable {
    /** Generous: the JVM starts on a 2-core machine shared with other builds. */
    private static final long WAIT_MILLIS = 60_000;

    private final java.nio.file.Path socket = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
            "custody-menu-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".sock");

    public Tmux(String shellCommand) {
        run("new-session", "-d", "-x", "80", "-y", "25", shellCommand);
    }

    public String screen() {
        return run("capture-pane", "-p");
    }

    public void keys(String... keys) {
        List<String> command = new ArrayList<>(List.of("send-keys"));
        command.addAll(List.of(keys));
        run(command.toArray(String[]::new));
    }

    public void type(String text) {
        run("send-keys", "-l", text);
    }

    /**
     * Waits until the screen shows {@code text} and has stopped changing (Lanterna draws a window
     * over several refreshes), and returns it; fails with the last screen otherwise.
     */
    public String waitFor(String text) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String previous = "";
        String screen = screen();
        while (!screen.contains(text) || !screen.equals(previous)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the screen never showed '" + text + "'; it shows:\n" + screen);
            }
            pause();
            previous = screen;
            screen = screen();
        }
        return screen;
    }

    /** Waits until {@code text} is gone from a screen that has stopped changing, and returns that screen. */
    public String waitForAbsence(String text) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String previous = "";
        String screen = screen();
        while (screen.contains(text) || !screen.equals(previous)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the screen still shows '" + text + "':\n" + screen);
            }
            pause();
            previous = screen;
            screen = screen();
        }
        return screen;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("tmux " + String.join(" ", arguments) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").start().waitFor();
            java.nio.file.Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
