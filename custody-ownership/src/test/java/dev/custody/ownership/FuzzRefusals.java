package dev.custody.ownership;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The ownership parsers refuse bad input with a plain IllegalArgumentException and a one-line
 * message for the user, with no line break or escape sequence copied from the input. A subclass
 * (NumberFormatException, ...) or an empty message means a raw Java error escaped, which is a
 * finding.
 */
public final class FuzzRefusals {
    private FuzzRefusals() {}

    public static void requireNamed(IllegalArgumentException refusal, String name) {
        String message = refusal.getMessage();
        if (refusal.getClass() != IllegalArgumentException.class || message == null || !message.contains(name)
                || message.chars().anyMatch(Character::isISOControl)) {
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
