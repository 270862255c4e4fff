package dev.custody.common.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The contract of a parser's fuzz target: bad input is refused with a plain
 * IllegalArgumentException whose one-line message names the file or field at fault and holds no
 * control character copied from the input (a line break, an escape sequence), because the CLI
 * prints it. A subclass (NumberFormatException, ...) or an empty message means a raw Java error
 * escaped, which is a finding.
 */
public final class FuzzRefusals {
    private FuzzRefusals() {}

    public static void requireNamed(IllegalArgumentException refusal, String name) {
        if (refusal.getClass() != IllegalArgumentException.class || refusal.getMessage() == null
                || !refusal.getMessage().contains(name)) {
            throw refusal;
        }
        requireOneLine(refusal);
    }

    /**
     * Any parser's refusal, whatever its type: a message that says something, on one line, with no
     * control character copied from the input. Messages reach terminals, logs, HTML and JSON
     * reports; escaping each sink is the second line of defence, not the first.
     */
    public static void requireOneLine(RuntimeException refusal) {
        String message = refusal.getMessage();
        if (message == null || message.isBlank() || message.chars().anyMatch(Character::isISOControl)) {
            throw refusal;
        }
    }

    /** The fuzzer's bytes as the file {@code read} reads: it may only refuse them naming the file. */
    public static void readAsFile(Path file, byte[] data, Consumer<Path> read) throws IOException {
        Files.write(file, data);
        try {
            read.accept(file);
        } catch (IllegalArgumentException refused) {
            requireNamed(refused, file.toString());
        }
    }
}
