package dev.custody.boot.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the boot entries of a /boot folder the way Heads builds its menu: every grub.cfg outside
 * EFI folders, then syslinux/isolinux configs, and BLS entries only when those gave nothing.
 * The order is the menu order; {@code kexec_default.N.txt} refers to the N-th entry (from 1).
 */
public final class BootEntries {
    private static final List<String> GRUB = List.of("grub.cfg");
    private static final List<String> SYSLINUX = List.of("syslinux.cfg", "isolinux.cfg", "extlinux.conf");

    private BootEntries() {}

    public static List<FoundEntry> scan(Path boot) {
        if (!Files.isDirectory(boot)) {
            throw new IllegalArgumentException(boot + " is not a folder");
        }
        List<FoundEntry> found = new ArrayList<>();
        for (Path config : configs(boot, GRUB)) {
            found.addAll(GrubConfig.parse(boot, source(boot, config), folder(boot, config), BlsEntries.readLines(config)));
        }
        for (Path config : configs(boot, SYSLINUX)) {
            found.addAll(SyslinuxConfig.parse(boot, source(boot, config), folder(boot, config), BlsEntries.readLines(config)));
        }
        if (found.isEmpty()) {
            blsFolder(boot).ifPresent(entries -> found.addAll(BlsEntries.read(boot, entries, kernelOptions(boot))));
        }
        return List.copyOf(found);
    }

    /** The entry a menu line describes, or empty when no current entry has exactly that line. */
    public static Optional<FoundEntry> byMenuLine(List<FoundEntry> entries, String menuLine) {
        return entries.stream().filter(e -> e.entry().menuLine().equals(menuLine)).findFirst();
    }

    private static List<Path> configs(Path boot, List<String> names) {
        try (Stream<Path> walk = Files.walk(boot)) {
            return walk.filter(p -> names.contains(p.getFileName().toString()) && Files.isRegularFile(p))
                    .filter(p -> !boot.relativize(p).toString().toLowerCase(Locale.ROOT).contains("efi"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + boot, e);
        }
    }

    private static Optional<Path> blsFolder(Path boot) {
        return Stream.of(boot.resolve("loader/entries"), boot.resolve("boot/loader/entries"))
                .filter(Files::isDirectory).findFirst();
    }

    /** Fedora keeps the default kernel options in grubenv, older releases in grub.cfg. */
    private static String kernelOptions(Path boot) {
        String options = "";
        for (Path grubCfg : configs(boot, GRUB)) {
            for (String line : BlsEntries.readLines(grubCfg)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("set default_kernelopts=")) {
                    options = unquote(trimmed.substring("set default_kernelopts=".length()));
                }
            }
        }
        for (Path grubenv : List.of(boot.resolve("grub2/grubenv"), boot.resolve("grub/grubenv"))) {
            if (Files.isRegularFile(grubenv)) {
                for (String line : BlsEntries.readLines(grubenv)) {
                    if (line.startsWith("kernelopts=")) {
                        options = line.substring("kernelopts=".length());
                    }
                }
            }
        }
        return options.strip();
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    private static String source(Path boot, Path config) {
        return "/" + boot.relativize(config);
    }

    private static String folder(Path boot, Path config) {
        Path parent = boot.relativize(config).getParent();
        return parent == null ? "" : "/" + parent;
    }
}
