package dev.custody.boot;

/**
 * /boot's parsers refuse bad text with an IllegalArgumentException whose one-line message names
 * the file (or field) at fault; the CLI prints that message, so it holds no control character
 * copied from the input (a line break, an escape sequence). Anything else escaping a parser, a
 * subclass such as NumberFormatException included, carries a raw Java message and is a finding.
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
}
