package dev.custody.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import dev.custody.server.Fleet;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A request's JSON object and its fields, each read with a 400 refusal naming the field when it
 * is missing or malformed. Kept apart from the handlers so it can be fuzzed without a server.
 */
record RequestBody(JsonNode node) {
    private static final Pattern PCR_NUMBER = Pattern.compile("0|[1-9][0-9]?");

    /**
     * A member given twice, or text after the object, is refused rather than read one way here: the
     * request could then mean one thing to this server and another to whatever checked it on the way.
     */
    static RequestBody parse(byte[] body) {
        JsonNode node;
        try {
            node = StrictJson.reader().readTree(body);
        } catch (IOException e) {
            throw new Fleet.Refusal(400, "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Fleet.Refusal(400, "the request body must be a JSON object");
        }
        return new RequestBody(node);
    }

    /** A nested object (absent fields then read as missing). */
    RequestBody object(String field) {
        return new RequestBody(node.path(field));
    }

    String text(String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new Fleet.Refusal(400, "the request lacks the text field '" + field + "'");
        }
        return value.textValue();
    }

    /** Text for people to read (a description): one line, nothing a terminal would need escaped. */
    String line(String field, int maxLength) {
        String text = text(field);
        if (text.isEmpty() || text.length() > maxLength || !TerminalText.escape(text).equals(text)) {
            throw new Fleet.Refusal(400, "the field '" + field + "' must be one line of 1-" + maxLength
                    + " characters without control characters");
        }
        return text;
    }

    int integer(String field, int absent) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new Fleet.Refusal(400, "the field '" + field + "' must be a whole number");
        }
        return value.intValue();
    }

    byte[] bytes(String field) {
        try {
            return Base64.getDecoder().decode(text(field));
        } catch (IllegalArgumentException e) {
            throw new Fleet.Refusal(400, "the field '" + field + "' is not base64");
        }
    }

    Optional<byte[]> optionalBytes(String field) {
        return node.path(field).isTextual() ? Optional.of(bytes(field)) : Optional.empty();
    }

    /**
     * {"0": "hex", ...}: PCR numbers to values, at least one. A number is written one way only
     * ("7", never "07" or "+7"), so no two members can name the same PCR.
     */
    SortedMap<Integer, String> pcrs(String field) {
        SortedMap<Integer, String> pcrs = new TreeMap<>();
        node.path(field).properties().forEach(entry -> {
            if (!PCR_NUMBER.matcher(entry.getKey()).matches() || !entry.getValue().isTextual()) {
                throw new Fleet.Refusal(400, "the field '" + field + "' must map PCR numbers, in decimal, to hex text");
            }
            pcrs.put(Integer.parseInt(entry.getKey()), entry.getValue().textValue());
        });
        if (pcrs.isEmpty()) {
            throw new Fleet.Refusal(400, "the reference names no PCRs");
        }
        return pcrs;
    }
}
