package dev.custody.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the real tools (bash, gpg, gpgv, sha256sum) and waits for them to end. */
public final class Tools {
    private Tools() {}

    public record Result(int exit, String out) {}

    public static Result run(Path directory, Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result bash(Path directory, Map<String, String> environment, String script) {
        return run(directory, environment, "bash", "-euo", "pipefail", "-c", script);
    }
}
