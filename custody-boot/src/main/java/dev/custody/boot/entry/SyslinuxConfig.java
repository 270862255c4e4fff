package dev.custody.boot.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code LABEL} blocks from syslinux.cfg / isolinux.cfg. A label ends at a blank line, the
 * next label or the end of the file. {@code mboot.c32} labels are Xen, with its modules separated
 * by {@code ---} in the APPEND line; other COM32 modules (menus, memtest loaders) are skipped.
 * Files named by {@code INCLUDE}, {@code MENU INCLUDE} and {@code CONFIG} are read through the
 * same rules as every config, so an unsigned one is refused rather than read.
 */
final class SyslinuxConfig {
    /** Deeper includes than this are a loop or an attack, not a real config. */
    private static final int MAX_NESTING = 8;

    private final Scan scan;
    private final String source;
    private final String folder;
    private final int depth;
    private Label current;

    private SyslinuxConfig(Scan scan, String source, int depth) {
        this.scan = scan;
        this.source = source;
        this.folder = BootEntries.folder(source);
        this.depth = depth;
    }

    static void parse(Scan scan, String source, List<String> lines) {
        new SyslinuxConfig(scan, source, 0).parse(lines);
    }

    private void parse(List<String> lines) {
        lines.forEach(line -> accept(line.strip()));
        finish();
    }

    private void include(List<String> words) {
        if (words.isEmpty() || depth >= MAX_NESTING) {
            return;
        }
        String file = ConfigText.resolve(folder, words.getFirst());
        scan.lines(file).ifPresent(lines -> new SyslinuxConfig(scan, file, depth + 1).parse(lines));
    }

    private void accept(String line) {
        List<String> words = ConfigText.words(line);
        String keyword = words.isEmpty() ? "" : words.getFirst().toLowerCase(Locale.ROOT);
        if (keyword.equals("include") || keyword.equals("config")
                || keyword.equals("menu") && words.size() > 1 && words.get(1).equalsIgnoreCase("include")) {
            finish();
            include(words.subList(keyword.equals("menu") ? 2 : 1, words.size()));
            return;
        }
        if (keyword.equals("label")) {
            finish();
            current = new Label(ConfigText.name(ConfigText.rest(words, 1)));
            return;
        }
        if (current == null) {
            return;
        }
        if (line.isEmpty()) {
            finish();
            return;
        }
        String value = ConfigText.rest(words, 1);
        switch (keyword) {
            case "menu" -> {
                if (words.size() > 1 && words.get(1).equalsIgnoreCase("label")) {
                    current.name = ConfigText.name(ConfigText.rest(words, 2).replace("^", ""));
                }
            }
            case "linux", "kernel" -> current.kernel(value);
            case "initrd" -> current.initrd = value;
            case "append" -> current.append = value;
            case "fdt", "devicetree" -> current.devicetree = value;
            default -> { }
        }
    }

    private void finish() {
        if (current != null && !current.skipped) {
            List<String> alsoRead = current.devicetree.isEmpty() ? List.of() : List.of(ConfigText.resolve(folder, current.devicetree));
            current.build(folder).ifPresent(entry -> scan.offer(entry, alsoRead, source, Optional.empty()));
        }
        current = null;
    }

    private static final class Label {
        String name;
        String kernel;
        boolean xen;
        boolean skipped;
        String initrd = "";
        String append = "";
        String devicetree = "";

        Label(String name) {
            this.name = name;
        }

        void kernel(String value) {
            if (value.endsWith("mboot.c32")) {
                xen = true;
            } else if (value.endsWith(".c32")) {
                skipped = true;
            } else {
                kernel = value;
            }
        }

        /** The entry as written; whether its files may be loaded is the scan's to decide. */
        Optional<BootEntry> build(String folder) {
            return xen ? xen(folder) : linux(folder);
        }

        private Optional<BootEntry> linux(String folder) {
            if (kernel == null) {
                return Optional.empty();
            }
            List<String> kept = new ArrayList<>();
            String initrdList = initrd;
            for (String word : ConfigText.words(append)) {
                if (initrdList.isEmpty() && word.startsWith("initrd=")) {
                    initrdList = word.substring("initrd=".length());
                } else {
                    kept.add(word);
                }
            }
            List<String> initrds = ConfigText.words(initrdList.replace(',', ' ')).stream()
                    .map(i -> ConfigText.resolve(folder, i)).toList();
            return Optional.of(new LinuxEntry(name, ConfigText.resolve(folder, kernel), initrds, String.join(" ", kept)));
        }

        /** {@code APPEND xen.gz args --- vmlinuz args --- initrd.img}. */
        private Optional<BootEntry> xen(String folder) {
            List<List<String>> parts = new ArrayList<>();
            List<String> part = new ArrayList<>();
            for (String word : ConfigText.words(append)) {
                if (word.equals("---")) {
                    parts.add(part);
                    part = new ArrayList<>();
                } else {
                    part.add(word);
                }
            }
            parts.add(part);
            if (parts.getFirst().isEmpty()) {
                return Optional.empty();
            }
            List<MultibootEntry.Module> modules = parts.subList(1, parts.size()).stream().filter(p -> !p.isEmpty())
                    .map(p -> new MultibootEntry.Module(ConfigText.resolve(folder, p.getFirst()), ConfigText.rest(p, 1)))
                    .toList();
            List<String> hypervisor = parts.getFirst();
            return Optional.of(new MultibootEntry(name, ConfigText.resolve(folder, hypervisor.getFirst()),
                    ConfigText.rest(hypervisor, 1), modules));
        }
    }
}
