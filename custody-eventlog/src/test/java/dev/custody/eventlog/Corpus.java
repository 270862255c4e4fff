package dev.custody.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus of real logs (see testdata/corpus/README.md for provenance). */
public final class Corpus {
    public static final Path EVENTLOGS = Path.of("../testdata/corpus/eventlogs").toAbsolutePath().normalize();

    private Corpus() {}

    public static Path file(String name) {
        Path file = EVENTLOGS.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("corpus file missing: " + file);
        }
        return file;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every log in the corpus (all files except the expected-values text files). */
    public static List<Path> logs() {
        try (Stream<Path> files = Files.list(EVENTLOGS)) {
            List<Path> logs = files.filter(f -> !f.getFileName().toString().endsWith(".txt"))
                    .filter(f -> !f.getFileName().toString().endsWith(".md")).sorted().toList();
            if (logs.size() < 15) {
                throw new IllegalStateException("corpus incomplete at " + EVENTLOGS + ": " + logs.size() + " logs");
            }
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
