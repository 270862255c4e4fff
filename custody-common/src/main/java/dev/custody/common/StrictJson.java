package dev.custody.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * JSON read strictly: a member given twice (the text would mean one thing here and possibly another
 * to whatever checked it) and text after the value are refused, by {@link #reader()} for callers
 * that word their own refusals and by {@link #object} for the files Custody reads back. There
 * nothing is read as a default either: a missing member or one of the wrong type is refused, not
 * taken as "" or 0, and every refusal is one line that names the member.
 */
public final class StrictJson {
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private StrictJson() {}

    /** Immutable, so one is shared; its failures are IOExceptions for the caller to word. */
    public static ObjectReader reader() {
        return READER;
    }

    /** The members of the JSON object in {@code json}. */
    public static Members object(byte[] json) {
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON (" + reason(e) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new Members(node);
    }

    /** Jackson's message quotes the bad text and adds lines of its own (the source, the location). */
    private static String reason(IOException e) {
        String message = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
        return TerminalText.escape(String.valueOf(message).lines().findFirst().orElse("unreadable"));
    }

    /** One object's members, each read as the type asked or refused. */
    public record Members(JsonNode node) {
        /** Non-empty text. */
        public String text(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                throw new IllegalArgumentException("the member '" + name + "' is missing or not text");
            }
            return value.textValue();
        }

        public int integer(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new IllegalArgumentException("the member '" + name + "' is missing or not a whole number");
            }
            return value.intValue();
        }

        public boolean bool(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isBoolean()) {
                throw new IllegalArgumentException("the member '" + name + "' is missing or not true or false");
            }
            return value.booleanValue();
        }

        public byte[] base64(String name) {
            String text = text(name);
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the member '" + name + "' is not base64");
            }
        }

        /** A nested object, or empty where the member is null; absent or of another type is refused. */
        public Optional<Members> objectOrNull(String name) {
            JsonNode value = node.get(name);
            if (value != null && value.isNull()) {
                return Optional.empty();
            }
            if (value == null || !value.isObject()) {
                throw new IllegalArgumentException("the member '" + name + "' is missing or not an object or null");
            }
            return Optional.of(new Members(value));
        }
    }
}
