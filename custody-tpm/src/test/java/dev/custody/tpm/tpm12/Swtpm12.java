package dev.custody.tpm.tpm12;

import dev.custody.tpm.VirtualTpm;
import dev.custody.tpm.transport.SwtpmControl;
import dev.custody.tpm.transport.SwtpmTransport;
import dev.custody.tpm.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real swtpm in TPM 1.2 mode for tests, made by swtpm_setup as an x230 leaves the factory
 * (EK, no owner, NV locked), on free loopback ports; stopped and deleted on {@link #close()}.
 */
final class Swtpm12 implements AutoCloseable {
    private final Path directory;
    private VirtualTpm process;

    private Swtpm12(Path directory) {
        this.directory = directory;
        this.process = VirtualTpm.startForeground(directory);
    }

    static Swtpm12 start() {
        try {
            Path directory = Files.createTempDirectory("custody-swtpm12-");
            VirtualTpm12.manufacture(directory);
            return new Swtpm12(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path directory() {
        return directory;
    }

    int port() {
        return process.port();
    }

    Transport connect() {
        return SwtpmTransport.connect("127.0.0.1", port());
    }

    Tpm12Client client() {
        return new Tpm12Client(connect());
    }

    /** Power off and on: PCRs and sessions reset, NV and counters stay; the caller sends TPM_Startup. */
    void powerCycle() {
        new SwtpmControl("127.0.0.1", port() + 1).init();
    }

    /** Stops swtpm and starts it again from its state folder. */
    void restart() {
        process.close();
        process = VirtualTpm.startForeground(directory);
    }

    @Override
    public void close() {
        process.close();
        try (var files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A leftover temp folder does not affect other tests.
        }
    }
}
