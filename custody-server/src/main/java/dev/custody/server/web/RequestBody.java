package dev.custody.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.server.Fleet;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request's JSON object and its fields, each read with a 400 refusal naming the field when it
 * is missing or malformed. Kept apart from the handlers so it can be fuzzed without a server.
 */
record RequestBody(JsonNode node) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static RequestBody parse(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
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

    /** {"0": "hex", ...}: PCR numbers to SHA-256 values, at least one. */
    SortedMap<Integer, String> pcrs(String field) {
        SortedMap<Integer, String> pcrs = new TreeMap<>();
        node.path(field).properties().forEach(entry -> {
            try {
                pcrs.put(Integer.parseInt(entry.getKey()), entry.getValue().asText());
            } catch (NumberFormatException e) {
                throw new Fleet.Refusal(400, "the reference names a PCR that is not a number: " + entry.getKey());
            }
        });
        if (pcrs.isEmpty()) {
            throw new Fleet.Refusal(400, "the reference names no PCRs");
        }
        return pcrs;
    }
}
