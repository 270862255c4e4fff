package dev.custody.boot.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code LABEL} blocks from syslinux.cfg / isolinux.cfg. A label ends at a blank line, the
 * next label or the end of the file. {@code mboot.c32} labels are Xen, with its modules separated
 * by {@code ---} in the APPEND line; other COM32 modules (menus, memtest loaders) are skipped.
 */
final class SyslinuxConfig {
    private final Path boot;
    private final String source;
    private final String folder;
    private final List<FoundEntry> found = new ArrayList<>();
    private Label current;

    private SyslinuxConfig(Path boot, String source, String folder) {
        this.boot = boot;
        this.source = source;
        this.folder = folder;
    }

    static List<FoundEntry> parse(Path boot, String source, String folder, List<String> lines) {
        SyslinuxConfig config = new SyslinuxConfig(boot, source, folder);
        lines.forEach(line -> config.accept(line.strip()));
        config.finish();
        return List.copyOf(config.found);
    }

    private void accept(String line) {
        List<String> words = ConfigText.words(line);
        String keyword = words.isEmpty() ? "" : words.getFirst().toLowerCase(Locale.ROOT);
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
            default -> { }
        }
    }

    private void finish() {
        if (current != null && !current.skipped) {
            current.build(boot, folder).ifPresent(entry -> found.add(new FoundEntry(entry, source, Optional.empty())));
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

        Optional<BootEntry> build(Path boot, String folder) {
            return xen ? xen(boot, folder) : linux(boot, folder);
        }

        private Optional<BootEntry> linux(Path boot, String folder) {
            if (kernel == null || !ConfigText.exists(boot, ConfigText.resolve(folder, kernel))) {
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
            if (!initrds.stream().allMatch(i -> ConfigText.exists(boot, i))) {
                return Optional.empty();
            }
            return Optional.of(new LinuxEntry(name, ConfigText.resolve(folder, kernel), initrds, String.join(" ", kept)));
        }

        /** {@code APPEND xen.gz args --- vmlinuz args --- initrd.img}. */
        private Optional<BootEntry> xen(Path boot, String folder) {
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
            if (parts.getFirst().isEmpty() || !ConfigText.exists(boot, ConfigText.resolve(folder, parts.getFirst().getFirst()))) {
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
