package dev.custody.boot.entry;

import dev.custody.boot.fs.FileType;
import dev.custody.boot.fs.NoFollow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the boot entries of a /boot folder the way Heads builds its menu: every grub.cfg outside
 * EFI folders, then syslinux/isolinux configs, and BLS entries only when those gave nothing.
 * The order is the menu order; {@code kexec_default.N.txt} refers to the N-th entry (from 1).
 * Every config is read, and every file an entry loads admitted, through {@link BootContent}.
 */
public final class BootEntries {
    private static final List<String> GRUB = List.of("grub.cfg");
    private static final List<String> SYSLINUX = List.of("syslinux.cfg", "isolinux.cfg", "extlinux.conf");
    private static final List<String> GRUBENV = List.of("/grub2/grubenv", "/grub/grubenv");

    private BootEntries() {}

    public static EntryScan scan(Path boot, BootContent content) {
        if (NoFollow.type(boot) != FileType.DIRECTORY && !Files.isDirectory(boot)) {
            throw new IllegalArgumentException(boot + " is not a folder");
        }
        Scan scan = new Scan(content);
        for (String config : configs(boot, GRUB)) {
            scan.lines(config).ifPresent(lines -> GrubConfig.parse(scan, config, lines));
        }
        for (String config : configs(boot, SYSLINUX)) {
            scan.lines(config).ifPresent(lines -> SyslinuxConfig.parse(scan, config, lines));
        }
        if (scan.foundNone()) {
            blsFolder(boot).ifPresent(entries -> BlsEntries.read(scan, boot, entries, kernelOptions(boot, scan)));
        }
        return scan.result();
    }

    /** The entry a menu line describes, or empty when no current entry has exactly that line. */
    public static Optional<FoundEntry> byMenuLine(List<FoundEntry> entries, String menuLine) {
        return entries.stream().filter(e -> e.entry().menuLine().equals(menuLine)).findFirst();
    }

    /**
     * Configs by name, as /boot-relative paths with a leading slash. Only regular files are configs:
     * a link, FIFO or device with a config's name is not read (the tree and hash checks name it).
     */
    private static List<String> configs(Path boot, List<String> names) {
        try (Stream<Path> walk = Files.walk(boot)) {
            return walk.filter(p -> p.getFileName() != null && names.contains(p.getFileName().toString()))
                    .filter(p -> NoFollow.type(p) == FileType.REGULAR)
                    .map(p -> "/" + boot.relativize(p))
                    .filter(p -> !p.toLowerCase(Locale.ROOT).contains("efi"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot list " + boot + ": " + e.getMessage(), e);
        }
    }

    /** The BLS entries folder, as a /boot-relative path; a linked folder is not followed. */
    private static Optional<String> blsFolder(Path boot) {
        return Stream.of("loader/entries", "boot/loader/entries")
                .filter(f -> NoFollow.type(boot.resolve(f)) == FileType.DIRECTORY
                        && NoFollow.type(boot.resolve(f).getParent()) == FileType.DIRECTORY
                        && NoFollow.type(boot.resolve(f).getParent().getParent()) == FileType.DIRECTORY)
                .map(f -> "/" + f).findFirst();
    }

    /** Fedora keeps the default kernel options in grubenv, older releases in grub.cfg. */
    private static String kernelOptions(Path boot, Scan scan) {
        String options = "";
        for (String grubCfg : configs(boot, GRUB)) {
            for (String line : scan.lines(grubCfg).orElse(List.of())) {
                String trimmed = line.strip();
                if (trimmed.startsWith("set default_kernelopts=")) {
                    options = unquote(trimmed.substring("set default_kernelopts=".length()));
                }
            }
        }
        for (String grubenv : GRUBENV) {
            for (String line : scan.lines(grubenv).orElse(List.of())) {
                if (line.startsWith("kernelopts=")) {
                    options = line.substring("kernelopts=".length());
                }
            }
        }
        return options.strip();
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    /** The folder of a config, with a leading slash; empty for a config at the top of /boot. */
    static String folder(String config) {
        int slash = config.lastIndexOf('/');
        return slash <= 0 ? "" : config.substring(0, slash);
    }
}
