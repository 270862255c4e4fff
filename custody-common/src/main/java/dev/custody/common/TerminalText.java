package dev.custody.common;

import java.util.Arrays;

/**
 * Makes untrusted text (names from ROMs, event logs, boot configs, bundles, photo metadata) safe
 * to show on a terminal. An escape sequence could recolour or rewrite what is on screen, a
 * carriage return could overwrite a line, a bidi override could make "gpj.exe" read "exe.jpg",
 * so each is shown as a visible escape instead: ESC as {@code \x1b}, CR as {@code \r}, U+202E as
 * {@code \u202e}. Only human output goes through here; JSON keeps the exact text (Jackson
 * escapes control characters itself).
 */
public final class TerminalText {
    private TerminalText() {}

    /** The text with every control, bidi-override and line-separator character written out visibly. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String visible = visible(c);
            if (visible != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (visible != null) {
                    out.append(visible);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text.toString() : out.toString();
    }

    /**
     * {@link String#format} with every argument that is not a number or a boolean escaped first,
     * so a format string's own {@code %n} stays a line break while the values cannot add one.
     */
    public static String format(String format, Object... arguments) {
        Object[] safe = Arrays.stream(arguments)
                .map(a -> a == null || a instanceof Number || a instanceof Boolean ? a : escape(a.toString()))
                .toArray();
        return String.format(format, safe);
    }

    private static String visible(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    yield String.format("\\x%02x", (int) c);
                }
                yield reordersOrBreaksLines(c) ? String.format("\\u%04x", (int) c) : null;
            }
        };
    }

    /** Bidi embeddings, overrides and isolates, the implicit marks, and the Unicode line separators. */
    private static boolean reordersOrBreaksLines(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\u2028' || c == '\u2029';
    }
}
