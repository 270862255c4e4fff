package dev.custody.boot.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Boot Loader Specification entries ({@code loader/entries/*.conf}), as Fedora writes them.
 * {@code $kernelopts} in an options line takes its value from grubenv or grub.cfg's
 * {@code default_kernelopts}, as GRUB's blscfg does. Entries are listed newest first (descending
 * file name), which is GRUB's order.
 */
final class BlsEntries {
    private BlsEntries() {}

    static List<FoundEntry> read(Path boot, Path entriesFolder, String kernelOptions) {
        List<Path> files;
        try (Stream<Path> list = Files.list(entriesFolder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".conf") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + entriesFolder, e);
        }
        List<FoundEntry> found = new ArrayList<>();
        for (Path file : files) {
            String source = "/" + boot.relativize(file);
            entry(readLines(file), kernelOptions).ifPresent(e -> found.add(new FoundEntry(e, source, Optional.empty())));
        }
        return List.copyOf(found);
    }

    private static Optional<BootEntry> entry(List<String> lines, String kernelOptions) {
        String title = "";
        String linux = null;
        String options = kernelOptions;
        List<String> initrds = new ArrayList<>();
        for (String line : lines) {
            List<String> words = ConfigText.words(line);
            if (words.isEmpty()) {
                continue;
            }
            String value = ConfigText.rest(words, 1);
            switch (words.getFirst()) {
                case "title" -> title = ConfigText.name(value);
                case "linux" -> linux = value;
                case "initrd" -> initrds.addAll(ConfigText.words(value));
                case "options" -> options = value.replace("$kernelopts", kernelOptions);
                default -> { }
            }
        }
        return linux == null ? Optional.empty()
                : Optional.of(new LinuxEntry(title, linux, initrds, ConfigText.collapse(options)));
    }

    /** Lenient decoding: a stray byte in a title must not hide every other entry. */
    static List<String> readLines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
