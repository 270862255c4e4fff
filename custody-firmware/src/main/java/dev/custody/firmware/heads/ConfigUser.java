package dev.custody.firmware.heads;

import dev.custody.common.TerminalText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heads' {@code /etc/config.user}: shell lines {@code export CONFIG_NAME="value"} (or without
 * {@code export}) that override the board configuration. Heads rewrites the file sorted and
 * without duplicates, and so does {@link #toBytes}.
 */
public record ConfigUser(List<String> lines) {
    private static final Pattern SETTING = Pattern.compile("^(?:export\\s+)?(CONFIG_[A-Za-z0-9_]+)=(.*)$");
    private static final Pattern KEY = Pattern.compile("CONFIG_[A-Za-z0-9_]+");

    public ConfigUser {
        lines = List.copyOf(lines);
    }

    public static ConfigUser parse(byte[] bytes) {
        return new ConfigUser(new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
    }

    public static ConfigUser empty() {
        return new ConfigUser(List.of());
    }

    /** Every setting, unquoted, in file order. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = SETTING.matcher(line.strip());
            if (m.matches()) {
                settings.put(m.group(1), unquote(m.group(2)));
            }
        }
        return settings;
    }

    /** The settings as {@code rom config} prints them: KEY=VALUE lines, safe for a terminal. */
    public List<String> settingsText() {
        return settings().entrySet().stream()
                .map(e -> TerminalText.escape(e.getKey()) + "=" + TerminalText.escape(e.getValue())).toList();
    }

    /** This config with each "KEY=VALUE" of {@code assignments} set, in order. */
    public ConfigUser withAssignments(List<String> assignments) {
        ConfigUser config = this;
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + assignment + "'");
            }
            config = config.with(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return config;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(settings().get(key));
    }

    /** Sets {@code key} the way Heads' set_user_config does: one {@code export KEY="value"} line. */
    public ConfigUser with(String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a Heads setting name (CONFIG_ followed by letters, digits, _)");
        }
        if (value.contains("\"") || value.contains("\n") || value.contains("$") || value.contains("`") || value.contains("\\")) {
            throw new IllegalArgumentException("the value of " + key + " may not contain quotes, newlines, $, ` or \\");
        }
        List<String> next = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SETTING.matcher(line.strip());
            if (!m.matches() || !m.group(1).equals(key)) {
                next.add(line);
            }
        }
        next.add("export " + key + "=\"" + value + "\"");
        return new ConfigUser(next);
    }

    /** Without any line that sets {@code key}. */
    public ConfigUser without(String key) {
        return new ConfigUser(lines.stream().filter(line -> {
            Matcher m = SETTING.matcher(line.strip());
            return !m.matches() || !m.group(1).equals(key);
        }).toList());
    }

    public byte[] toBytes() {
        StringBuilder out = new StringBuilder();
        new TreeSet<>(lines).forEach(line -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
