package dev.custody.tpm.testing;

import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.VirtualTpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real swtpm for tests, on free loopback ports with its state in a temporary folder; stopped
 * and deleted on {@link #close()}. Also runs tpm2-tools against the same swtpm.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static final Swtpm swtpm = Swtpm.perTestClass();})
 * it starts before a test class and stops after it.
 */
public final class Swtpm implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private Path directory;
    private VirtualTpm process;

    private Swtpm() {}

    public static Swtpm start() {
        Swtpm swtpm = new Swtpm();
        swtpm.launch();
        return swtpm;
    }

    public static Swtpm perTestClass() {
        return new Swtpm();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void launch() {
        try {
            directory = Files.createTempDirectory("custody-swtpm-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        process = VirtualTpm.startForeground(directory);
    }

    public int port() {
        return process.port();
    }

    public Path directory() {
        return directory;
    }

    /** The spec a command line would use for this swtpm. */
    public String spec() {
        return "swtpm:127.0.0.1:" + port();
    }

    public Tpm open() {
        return Tpms.open(TpmSpec.parse(spec()));
    }

    /** Stops swtpm and starts it again from its state folder, as after a machine's power loss. */
    public void restart() {
        process.close();
        process = VirtualTpm.startForeground(directory);
    }

    /** Runs a tpm2-tools command against this swtpm; fails the test if it exits non-zero. */
    public String tpm2(String... command) {
        Result result = tpm2Result(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output();
    }

    public record Result(int exitCode, String output) {}

    public Result tpm2Result(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
            builder.environment().put("TPM2TOOLS_TCTI", "swtpm:host=127.0.0.1,port=" + port());
            builder.directory(directory.toFile());
            Process run = builder.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            return new Result(run.exitValue(), output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.close();
        try (var files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A leftover temp folder does not affect other tests.
        }
    }
}
