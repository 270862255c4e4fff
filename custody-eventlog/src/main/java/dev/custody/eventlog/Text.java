package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Recognises the strings firmware puts in event data: ASCII or UTF-16LE, often NUL-terminated. */
final class Text {
    private Text() {}

    static Optional<String> ascii(Bytes data) {
        int end = withoutTrailingNuls(data, 1);
        if (end == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < end; i++) {
            if (!printable(data.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(data.slice(0, end).toArray(), StandardCharsets.US_ASCII));
    }

    /** A stray final NUL byte after a UTF-16 string (seen from systemd-boot) is tolerated. */
    static Optional<String> utf16(Bytes data) {
        if (data.length() % 2 != 0) {
            if (data.get(data.length() - 1) != 0) {
                return Optional.empty();
            }
            return utf16(data.slice(0, data.length() - 1));
        }
        int end = withoutTrailingNuls(data, 2);
        if (end == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < end; i += 2) {
            if (data.get(i + 1) != 0 || !printable(data.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(data.slice(0, end).toArray(), StandardCharsets.UTF_16LE));
    }

    static Optional<String> any(Bytes data) {
        return ascii(data).or(() -> utf16(data));
    }

    /** Reads a NUL-terminated UTF-16LE string; returns it and advances past the terminator. */
    static String utf16z(ByteReader reader, String field) {
        StringBuilder text = new StringBuilder();
        for (int c = reader.u16(field); c != 0; c = reader.u16(field)) {
            text.append((char) c);
        }
        return text.toString();
    }

    static int withoutTrailingNuls(Bytes data, int unit) {
        int end = data.length();
        while (end >= unit && isZero(data, end - unit, end)) {
            end -= unit;
        }
        return end;
    }

    private static boolean isZero(Bytes data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(int c) {
        return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
    }
}
