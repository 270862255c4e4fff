package dev.custody.boot.entry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code menuentry} blocks from a grub.cfg, including those nested in {@code submenu}s.
 * GRUB is a scripting language; like Heads this reads only the commands that load files.
 * Variables set unconditionally are expanded; those set inside {@code if} blocks depend on the
 * platform GRUB runs on, so they expand to nothing, as they do in Heads. A file that
 * {@code source} or {@code configfile} names is read in place, through the same rules as every
 * config, so an unsigned one is refused rather than read.
 */
final class GrubConfig {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    /** GRUB nests sourced files; deeper than this is a loop or an attack, not a real config. */
    private static final int MAX_NESTING = 8;

    private final Scan scan;
    private final String source;
    private final String folder;
    private final Set<String> including;
    private final Map<String, String> globals;
    private final Deque<String> submenus;
    private int conditionalDepth;
    private EntryBuilder current;

    private GrubConfig(Scan scan, String source, Set<String> including, Map<String, String> globals, Deque<String> submenus) {
        this.scan = scan;
        this.source = source;
        this.folder = BootEntries.folder(source);
        this.including = including;
        this.globals = globals;
        this.submenus = submenus;
    }

    static void parse(Scan scan, String source, List<String> lines) {
        new GrubConfig(scan, source, new HashSet<>(Set.of(source)), new HashMap<>(), new ArrayDeque<>()).parse(lines);
    }

    private void parse(List<String> lines) {
        lines.forEach(line -> accept(line.strip()));
    }

    /** {@code source} shares the variables and menu of the file it is in; {@code configfile} starts afresh. */
    private void include(String command, String argument) {
        List<String> words = ConfigText.words(ConfigText.withoutDevices(expand(argument)));
        if (words.isEmpty() || including.size() > MAX_NESTING || !including.add(ConfigText.resolve(folder, words.getFirst()))) {
            return;
        }
        String file = ConfigText.resolve(folder, words.getFirst());
        boolean shared = command.equals("source");
        scan.lines(file).ifPresent(lines -> new GrubConfig(scan, file, including,
                shared ? globals : new HashMap<>(), shared ? submenus : new ArrayDeque<>()).parse(lines));
        including.remove(file);
    }

    private void accept(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (current != null) {
            inEntry(line);
        } else {
            outside(line);
        }
    }

    private void outside(String line) {
        String command = firstWord(line);
        switch (command) {
            case "menuentry" -> current = new EntryBuilder(quotedName(line.substring(command.length())));
            case "submenu" -> submenus.push(quotedName(line.substring(command.length())));
            case "}" -> {
                if (!submenus.isEmpty()) {
                    submenus.pop();
                }
            }
            case "if" -> conditionalDepth++;
            case "fi" -> conditionalDepth = Math.max(0, conditionalDepth - 1);
            case "set" -> {
                if (conditionalDepth == 0) {
                    assign(line, globals);
                }
            }
            case "source", "configfile" -> include(command, line.substring(command.length()));
            default -> { }
        }
    }

    private void inEntry(String line) {
        if (line.equals("}")) {
            current.build(folder).ifPresent(entry -> scan.offer(entry, current.alsoRead(folder), source,
                    Optional.ofNullable(submenus.peek())));
            current = null;
            return;
        }
        String command = firstWord(line);
        switch (command) {
            case "if" -> current.conditionalDepth++;
            case "fi" -> current.conditionalDepth = Math.max(0, current.conditionalDepth - 1);
            case "set" -> {
                if (current.conditionalDepth == 0) {
                    assign(line, current.locals);
                }
            }
            case "source", "configfile" -> include(command, line.substring(command.length()));
            default -> current.command(command, expand(line.substring(command.length())));
        }
    }

    private String expand(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        Map<String, String> locals = current == null ? Map.of() : current.locals;
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = locals.getOrDefault(name, globals.getOrDefault(name, ""));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static void assign(String line, Map<String, String> variables) {
        String assignment = line.substring("set".length()).strip();
        int equals = assignment.indexOf('=');
        if (equals > 0) {
            variables.put(assignment.substring(0, equals).strip(), unquote(assignment.substring(equals + 1).strip()));
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String firstWord(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }

    /** The title is the first quoted word after the keyword, as Heads cuts it. */
    static String quotedName(String afterKeyword) {
        String text = afterKeyword.strip();
        if (!text.isEmpty() && (text.charAt(0) == '\'' || text.charAt(0) == '"')) {
            int end = text.indexOf(text.charAt(0), 1);
            return ConfigText.name(end < 0 ? text.substring(1) : text.substring(1, end));
        }
        String word = firstWord(text);
        return ConfigText.name(word.equals("{") ? "" : word);
    }

    /** Collects the loading commands of one menuentry. */
    private static final class EntryBuilder {
        final String name;
        final Map<String, String> locals = new HashMap<>();
        int conditionalDepth;
        String linux;
        String append = "";
        final List<String> initrds = new ArrayList<>();
        String multiboot;
        final List<String> modules = new ArrayList<>();
        final List<String> devicetrees = new ArrayList<>();

        EntryBuilder(String name) {
            this.name = name;
        }

        void command(String command, String arguments) {
            List<String> words = ConfigText.words(ConfigText.withoutDevices(arguments));
            if (command.startsWith("multiboot")) {
                multiboot = String.join(" ", words);
            } else if (command.startsWith("module")) {
                List<String> parts = words.isEmpty() || !words.getFirst().equals("--nounzip") ? words : words.subList(1, words.size());
                modules.add(String.join(" ", parts));
            } else if (command.startsWith("linux") && !words.isEmpty()) {
                linux = words.getFirst();
                append = withoutSeparator(ConfigText.rest(ConfigText.words(arguments), 1));
            } else if (command.startsWith("initrd")) {
                initrds.clear();
                initrds.addAll(words);
            } else if (command.equals("devicetree") && !words.isEmpty()) {
                devicetrees.add(words.getFirst());
            }
        }

        /** Files GRUB would read for this entry that the kexec plan does not load. */
        List<String> alsoRead(String folder) {
            return devicetrees.stream().map(d -> ConfigText.resolve(folder, d)).toList();
        }

        /** GRUB's {@code ---} separates kernel from initramfs parameters; both go to the kernel. */
        private static String withoutSeparator(String append) {
            return ConfigText.collapse(String.join(" ", ConfigText.words(append).stream().filter(w -> !w.equals("---")).toList()));
        }

        /** The entry as written; whether its files may be loaded is the scan's to decide. */
        Optional<BootEntry> build(String folder) {
            if (multiboot != null && !multiboot.isEmpty()) {
                return Optional.of(multibootEntry(folder));
            }
            if (linux == null) {
                return Optional.empty();
            }
            List<String> resolvedInitrds = initrds.stream().map(i -> ConfigText.resolve(folder, i)).toList();
            return Optional.of(new LinuxEntry(name, ConfigText.resolve(folder, linux), resolvedInitrds, append));
        }

        private BootEntry multibootEntry(String folder) {
            List<String> words = ConfigText.words(multiboot);
            String kernel = ConfigText.resolve(folder, words.getFirst());
            List<MultibootEntry.Module> parsed = modules.stream().map(ConfigText::words).filter(m -> !m.isEmpty())
                    .map(m -> new MultibootEntry.Module(ConfigText.resolve(folder, m.getFirst()), ConfigText.rest(m, 1)))
                    .toList();
            return new MultibootEntry(name, kernel, ConfigText.rest(words, 1), parsed);
        }
    }
}
