package dev.custody.boot.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Text rules shared by the boot config parsers, matching how Heads' shell parsers treat lines. */
final class ConfigText {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern GRUB_DEVICE = Pattern.compile("\\([^)]*\\)");

    private ConfigText() {}

    /** Heads echoes every menu line unquoted, so runs of blanks become one space. */
    static String collapse(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    static List<String> words(String text) {
        String collapsed = collapse(text);
        return collapsed.isEmpty() ? List.of() : Arrays.asList(collapsed.split(" "));
    }

    static String rest(List<String> words, int from) {
        return from >= words.size() ? "" : String.join(" ", words.subList(from, words.size()));
    }

    /** GRUB device prefixes such as {@code (hd0,gpt2)} name the partition that is /boot itself. */
    static String withoutDevices(String text) {
        return GRUB_DEVICE.matcher(text).replaceAll("");
    }

    /** Relative paths are relative to the folder of the config file, as Heads resolves them. */
    static String resolve(String configFolder, String path) {
        return path.startsWith("/") ? path : configFolder + "/" + path;
    }

    /** Heads lists an entry only when its kernel exists below /boot. */
    static boolean exists(Path boot, String path) {
        if (path.indexOf('\0') >= 0) {
            return false; // No file name holds a NUL, and Path refuses one with an exception.
        }
        Path file = boot.resolve(path.substring(1)).normalize();
        return file.startsWith(boot.normalize()) && Files.isRegularFile(file);
    }

    /** The name field may not contain the field separator. */
    static String name(String raw) {
        return collapse(raw.replace("|", ""));
    }
}
