package dev.custody.boot.entry;

import dev.custody.boot.fs.FileType;
import dev.custody.boot.fs.NoFollow;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    static void read(Scan scan, Path boot, String entriesFolder, String kernelOptions) {
        List<String> files;
        try (Stream<Path> list = Files.list(boot.resolve(entriesFolder.substring(1)))) {
            files = list.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".conf"))
                    .sorted(Comparator.<String>naturalOrder().reversed())
                    .map(name -> entriesFolder + "/" + name)
                    .filter(f -> NoFollow.type(boot.resolve(f.substring(1))) != FileType.DIRECTORY)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + entriesFolder, e);
        }
        for (String file : files) {
            scan.lines(file).flatMap(lines -> entry(lines, kernelOptions))
                    .ifPresent(e -> scan.offer(e, file, Optional.empty()));
        }
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
}
