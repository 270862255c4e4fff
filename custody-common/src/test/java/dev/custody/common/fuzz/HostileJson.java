package dev.custody.common.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Structure-aware fuzz input for the JSON files Custody reads back: a valid document with a few
 * members replaced, renamed, removed or added, with hostile values. Raw bytes seldom get past the
 * JSON parser to the code that checks each member (Jazzer rarely writes a valid escape inside a
 * string), and that code is where the parser findings of 2026-12-06 were (docs/reliability.md).
 */
public final class HostileJson {
    /** Deep nesting is one of the hostile values, so the writer may go deeper than a reader allows. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build()).build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long[] EDGE_NUMBERS = {0, 1, -1, 2, 7, 23, 24, 255, 256, 65_535, 65_536, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final String[] EDGE_TEXTS = {"", " ", "\n", "line one\nline two", "\u001b[2J\u001b[H", "\u0000", "\u009b31m",
            "\u202etxt.exe", "é", "../../../etc/passwd", "-1", "1e999", "0x10", "NaN", "null", "true", "2026-02-30T25:61:00Z",
            "2026-12-06T20:30:00Z", "ZZZZ", "A".repeat(70_000)};

    private HostileJson() {}

    /** The documents a target starts from, read from its test resources. */
    public static List<JsonNode> templates(Class<?> owner, String... resources) {
        List<JsonNode> templates = new ArrayList<>();
        for (String resource : resources) {
            try (InputStream in = owner.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + resource + " next to " + owner.getName());
                }
                templates.add(MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return templates;
    }

    /** One of the templates with one to four hostile changes, as the bytes of a file. */
    public static byte[] from(List<JsonNode> templates, FuzzedDataProvider data) {
        JsonNode document = data.pickValue(templates).deepCopy();
        int changes = data.consumeInt(1, 4);
        for (int i = 0; i < changes; i++) {
            change(data.pickValue(containers(document)), document, data);
        }
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated document does not serialise", e);
        }
    }

    private static void change(ContainerNode<?> container, JsonNode document, FuzzedDataProvider data) {
        switch (container) {
            case ObjectNode object -> {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.isEmpty() ? "" : data.pickValue(names);
                switch (data.consumeInt(0, 3)) {
                    case 0 -> object.set(name, value(document, data));
                    case 1 -> object.remove(name);
                    case 2 -> object.set(text(data), object.remove(name));
                    default -> object.set(text(data), value(document, data));
                }
            }
            case ArrayNode array -> {
                switch (data.consumeInt(0, 2)) {
                    case 0 -> array.add(value(document, data));
                    case 1 -> array.removeAll();
                    default -> {
                        if (!array.isEmpty()) {
                            array.set(data.consumeInt(0, array.size() - 1), value(document, data));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("a JSON container is an object or an array");
        }
    }

    private static JsonNode value(JsonNode document, FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.pickValue(EDGE_NUMBERS));
            case 3 -> NODES.numberNode(data.consumeLong());
            case 4 -> NODES.numberNode(data.pickValue(new double[] {0.5, -0.0, 1e308, 4.9e-324, 3.0}));
            case 5 -> NODES.numberNode(BigInteger.TEN.pow(data.consumeInt(19, 400)).negate());
            case 6 -> NODES.textNode(text(data));
            case 7 -> nested(data.consumeInt(1, 1_100));
            // a real value from elsewhere in the document: the right kind of data in the wrong place
            default -> data.pickValue(all(document)).deepCopy();
        };
    }

    private static String text(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(EDGE_TEXTS) : data.consumeString(48);
    }

    private static JsonNode nested(int depth) {
        ArrayNode outer = NODES.arrayNode();
        ArrayNode inner = outer;
        for (int i = 1; i < depth; i++) {
            inner = inner.addArray();
        }
        return outer;
    }

    private static List<ContainerNode<?>> containers(JsonNode document) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        for (JsonNode node : all(document)) {
            if (node instanceof ContainerNode<?> container) {
                containers.add(container);
            }
        }
        return containers;
    }

    private static List<JsonNode> all(JsonNode document) {
        List<JsonNode> nodes = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>(List.of(document));
        while (!pending.isEmpty()) {
            JsonNode node = pending.removeLast();
            nodes.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                pending.add(children.next());
            }
            if (nodes.size() > 10_000) {
                break;
            }
        }
        return nodes;
    }
}
