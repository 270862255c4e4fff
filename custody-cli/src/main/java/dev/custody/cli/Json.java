package dev.custody.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a report as JSON with Jackson: maps (in their order, so output is stable), collections,
 * strings, numbers, booleans and null; anything else as its text. Two-space indents, one member
 * or item a line, {@code "name": value}, {@code {}} and {@code []} when empty.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new ControlCharacters()).build();
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT);

    private Json() {}

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(LAYOUT);
            write(value, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Not a pattern switch: its bootstrap generates a class at run time, which no start-up cache
     * holds, and this is the only one a boot-time report with --json would run (~3 ms).
     */
    private static void write(Object value, JsonGenerator json) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Number n) {
            // As Java prints it: BigDecimal's scale stays, and whatever Number it is.
            json.writeNumber(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (var entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(entry.getValue(), json);
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(item, json);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }

    /** Control characters other than newline, return and tab as a six-character escape in lower-case hex (0x1b as backslash, u001b), as Custody has always written them. */
    private static final class ControlCharacters extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlCharacters() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c < 0x20 ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
