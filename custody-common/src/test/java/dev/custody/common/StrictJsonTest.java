package dev.custody.common;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.common.fuzz.FuzzRefusals;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    private static StrictJson.Members members(String json) {
        return StrictJson.object(json.getBytes(UTF_8));
    }

    private static String refusal(Runnable read) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, read::run);
        FuzzRefusals.requireOneLine(refused);
        String message = refused.getMessage();
        return message;
    }

    @Test
    void membersOfTheRightTypeAreRead() {
        StrictJson.Members m = members("{\"t\":\"text\",\"i\":-7,\"b\":false,\"k\":\"AQID\",\"o\":{\"x\":1},\"n\":null}");
        assertEquals("text", m.text("t"));
        assertEquals(-7, m.integer("i"));
        assertFalse(m.bool("b"));
        assertArrayEquals(new byte[] {1, 2, 3}, m.base64("k"));
        assertEquals(1, m.objectOrNull("o").orElseThrow().integer("x"));
        assertTrue(m.objectOrNull("n").isEmpty());
    }

    @Test
    void aMissingMemberIsRefusedNotReadAsADefault() {
        StrictJson.Members m = members("{}");
        assertTrue(refusal(() -> m.text("name")).contains("'name'"));
        assertTrue(refusal(() -> m.integer("x")).contains("'x'"));
        assertTrue(refusal(() -> m.bool("encrypted")).contains("'encrypted'"));
        assertTrue(refusal(() -> m.objectOrNull("roi")).contains("'roi'"));
    }

    @Test
    void aMemberOfAnotherTypeIsRefused() {
        StrictJson.Members m = members("{\"t\":7,\"e\":\"\",\"i\":\"7\",\"f\":1.5,\"big\":4294967296,\"b\":\"true\","
                + "\"k\":\"not base64!\",\"o\":[1]}");
        refusal(() -> m.text("t"));
        refusal(() -> m.text("e"));
        refusal(() -> m.integer("i"));
        refusal(() -> m.integer("f"));
        refusal(() -> m.integer("big"));
        refusal(() -> m.bool("b"));
        assertTrue(refusal(() -> m.base64("k")).contains("base64"));
        refusal(() -> m.objectOrNull("o"));
    }

    @Test
    void aMemberGivenTwiceOrTextAfterTheObjectIsRefused() {
        assertTrue(refusal(() -> members("{\"name\":\"a\",\"name\":\"b\"}")).contains("not valid JSON"));
        assertTrue(refusal(() -> members("{\"name\":\"a\"} {}")).contains("not valid JSON"));
        assertEquals("not a JSON object", refusal(() -> members("[1]")));
        assertEquals("not a JSON object", refusal(() -> members("")));
    }

    /** The callers that word their own refusals rely on the shared reader alone for both. */
    @Test
    void theSharedReaderRefusesAMemberGivenTwiceAndTextAfterTheValue() throws IOException {
        assertEquals("b", readTree("{\"name\":\"a\",\"other\":\"b\"}").get("other").textValue());
        JsonProcessingException twice = assertThrows(JsonProcessingException.class,
                () -> readTree("{\"name\":\"a\",\"name\":\"b\"}"));
        assertTrue(twice.getOriginalMessage().contains("Duplicate field 'name'"), twice.getOriginalMessage());
        JsonProcessingException trailing = assertThrows(JsonProcessingException.class,
                () -> readTree("{\"name\":\"a\"} {}"));
        assertTrue(trailing.getOriginalMessage().contains("Trailing token"), trailing.getOriginalMessage());
    }

    private static JsonNode readTree(String json) throws IOException {
        return StrictJson.reader().readTree(json.getBytes(UTF_8));
    }

    @Test
    void jacksonsQuoteOfTheBadTextIsEscaped() {
        String message = refusal(() -> members("{\"a\": tru\u001b[2Je}"));
        assertFalse(message.contains("\u001b"), message);
    }
}
