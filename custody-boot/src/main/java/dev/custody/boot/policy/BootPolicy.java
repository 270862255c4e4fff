package dev.custody.boot.policy;

import dev.custody.boot.kexec.KexecPlanner.KernelParameters;
import dev.custody.common.TerminalText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boot settings of Heads' {@code config.user} ({@code CONFIG_NAME=value} lines, values
 * optionally quoted). Unknown settings are kept but ignored, as Heads ignores them.
 */
public record BootPolicy(OptionalInt autoBootTimeout, boolean restricted, boolean rootCheckAtBoot,
                         boolean requireRollback, List<String> rootDirectories, KernelParameters kernelParameters) {
    private static final Pattern LINE = Pattern.compile("(?:export\\s+)?(CONFIG_[A-Za-z0-9_]+)=(.*)");
    /** PureBoot's default CONFIG_ROOT_DIRLIST. */
    public static final List<String> DEFAULT_ROOT_DIRECTORIES = List.of("bin", "boot", "lib", "sbin", "usr");
    public static final BootPolicy DEFAULT = parse("config.user", "");

    public BootPolicy {
        rootDirectories = List.copyOf(rootDirectories);
    }

    /** The settings that matter to a boot, a line each, as the boot menu shows them. */
    public String describe() {
        return "Auto-boot timeout: " + (autoBootTimeout.isPresent() ? autoBootTimeout.getAsInt() + " s" : "off")
                + "\nRestricted boot: " + (restricted ? "yes" : "no")
                + "\nRoot check at boot: " + (rootCheckAtBoot ? "yes" : "no")
                + "\nRoot folders: " + TerminalText.escape(String.join(" ", rootDirectories))
                + "\nRollback record required: " + (requireRollback ? "yes" : "no");
    }

    public static BootPolicy read(Path file) {
        try {
            return parse(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static BootPolicy parse(String name, String text) {
        Map<String, String> settings = settings(name, text);
        return new BootPolicy(timeout(name, settings.get("CONFIG_AUTO_BOOT_TIMEOUT")),
                yes(settings, "CONFIG_RESTRICTED_BOOT"), yes(settings, "CONFIG_ROOT_CHECK_AT_BOOT"),
                yes(settings, "CONFIG_BOOT_REQ_ROLLBACK"),
                settings.containsKey("CONFIG_ROOT_DIRLIST") ? words(settings.get("CONFIG_ROOT_DIRLIST")) : DEFAULT_ROOT_DIRECTORIES,
                new KernelParameters(words(settings.getOrDefault("CONFIG_BOOT_KERNEL_ADD", "")),
                        Set.copyOf(words(settings.getOrDefault("CONFIG_BOOT_KERNEL_REMOVE", "")))));
    }

    private static Map<String, String> settings(String name, String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + " is not a CONFIG_NAME=value setting");
            }
            settings.put(matcher.group(1), unquote(matcher.group(2).strip()));
        }
        return settings;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static boolean yes(Map<String, String> settings, String key) {
        return "y".equals(settings.get(key));
    }

    private static OptionalInt timeout(String name, String value) {
        if (value == null || value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": CONFIG_AUTO_BOOT_TIMEOUT must be a number of seconds, not '"
                    + TerminalText.escape(value) + "'");
        }
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
