package dev.custody.openpgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one place Custody starts GnuPG. Every run names its home explicitly ({@code --homedir}), so
 * no run depends on the environment's GNUPGHOME, feeds its standard input and closes it, and reads
 * standard output and error side by side so that neither pipe can fill up and stall gpg.
 */
final class Gpg {
    private final Path home;

    Gpg(Path home) {
        this.home = home;
    }

    /** What gpg did: its exit status, standard output, and standard error as text. */
    record Run(int exit, byte[] output, String errors) {
        boolean succeeded() {
            return exit == 0;
        }

        /** gpg's last non-blank message line, which is the one that says what went wrong. */
        String lastError() {
            List<String> lines = errors.lines().filter(line -> !line.isBlank()).toList();
            return lines.isEmpty() ? "no message" : lines.getLast().strip();
        }
    }

    /**
     * Runs gpg with {@code arguments} and {@code input} on its standard input, waiting as long as
     * it takes: a smartcard PIN entry waits for the user.
     */
    Run run(byte[] input, String... arguments) {
        Process process = start(arguments);
        try {
            return finish(process, input, Optional.empty()).orElseThrow();
        } finally {
            process.destroy();
        }
    }

    /** As {@link #run}, with no input; empty when gpg has not finished within {@code limit} (it is killed). */
    Optional<Run> runWithin(Duration limit, String... arguments) {
        Process process = start(arguments);
        try {
            return finish(process, new byte[0], Optional.of(limit));
        } finally {
            process.destroyForcibly();
        }
    }

    private Process start(String... arguments) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run gpg (is GnuPG installed?)", e);
        }
    }

    private static Optional<Run> finish(Process process, byte[] input, Optional<Duration> limit) {
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // gpg exited without reading its input; its exit status and messages say why.
            }
            if (limit.isPresent()) {
                if (!process.waitFor(limit.get().toMillis(), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
            } else {
                process.waitFor();
            }
            return Optional.of(new Run(process.exitValue(), output.join(),
                    new String(errors.join(), StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gpg was running", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
