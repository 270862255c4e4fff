package dev.custody.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a fixture /boot (configs from test resources) and creates the files its entries load. */
public final class BootFixtures {
    private BootFixtures() {}

    public static Path copy(String fixture, Path target, String... files) {
        try {
            Path source = Path.of(BootFixtures.class.getResource("/configs/" + fixture).toURI());
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path destination = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(p, destination);
                    }
                }
            }
            for (String file : files) {
                write(target, file, "contents of " + file + "\n");
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path boot, String file, String content) {
        try {
            Path path = boot.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
