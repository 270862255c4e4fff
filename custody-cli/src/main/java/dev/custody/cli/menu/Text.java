package dev.custody.cli.menu;

import dev.custody.common.TerminalText;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into the 80x25 screen: Lanterna dialogs grow with their longest line. Names and
 * messages from /boot, the ROM or the TPM go through {@link #shorten} or {@link #firstLines},
 * which show control characters as visible escapes.
 */
final class Text {
    static final int WIDTH = 70;

    private Text() {}

    static String wrap(String text) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                while (word.length() > WIDTH) {
                    flush(out, line);
                    out.add(word.substring(0, WIDTH));
                    word = word.substring(WIDTH);
                }
                if (line.length() + word.length() + 1 > WIDTH) {
                    flush(out, line);
                }
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return String.join("\n", out);
    }

    /** At most {@code lines} lines, saying how many were left out. */
    static String firstLines(List<String> items, int lines) {
        List<String> safe = items.stream().map(TerminalText::escape).toList();
        if (safe.size() <= lines) {
            return String.join("\n", safe);
        }
        return String.join("\n", safe.subList(0, lines - 1)) + "\n... and " + (items.size() - lines + 1) + " more";
    }

    static String shorten(String untrusted, int width) {
        String text = TerminalText.escape(untrusted);
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    private static void flush(List<String> out, StringBuilder line) {
        if (!line.isEmpty()) {
            out.add(line.toString());
            line.setLength(0);
        }
    }
}
