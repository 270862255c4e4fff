package dev.custody.ownership;

/**
 * The ownership parsers refuse bad input with a plain IllegalArgumentException and a one-line
 * message for the user. A subclass (NumberFormatException, ...) or an empty message means a raw
 * Java error escaped, which is a finding.
 */
public final class FuzzRefusals {
    private FuzzRefusals() {}

    public static void requireNamed(IllegalArgumentException refusal, String name) {
        String message = refusal.getMessage();
        if (refusal.getClass() != IllegalArgumentException.class || message == null || !message.contains(name)) {
            throw refusal;
        }
    }
}
