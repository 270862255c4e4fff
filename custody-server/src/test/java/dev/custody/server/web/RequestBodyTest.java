package dev.custody.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.server.Fleet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    /** Read as its last value, the second "akPublic" could differ from what a proxy or log saw. */
    @Test
    void aMemberGivenTwiceIsRefused() {
        assertRefused(() -> body("{\"akPublic\": \"AAAA\", \"akPublic\": \"BBBB\"}"), "the request body is not valid JSON");
    }

    /** A second object after the first could be what a proxy or log took for the request. */
    @Test
    void textAfterTheObjectIsRefusedWith400() {
        assertThatThrownBy(() -> body("{\"akPublic\": \"AAAA\"} {\"akPublic\": \"BBBB\"}"))
                .isInstanceOfSatisfying(Fleet.Refusal.class, refusal -> assertThat(refusal.status()).isEqualTo(400))
                .hasMessage("the request body is not valid JSON");
    }

    @Test
    void pcrNumbersAreWrittenOneWayOnly() {
        assertThat(body("{\"pcrs\": {\"7\": \"ab\", \"10\": \"cd\"}}").pcrs("pcrs")).isEqualTo(Map.of(7, "ab", 10, "cd"));
        for (String key : new String[] {"07", "+7", "7 ", "\u0667", "1e1", "-0"}) {
            assertRefused(() -> body("{\"pcrs\": {\"" + key + "\": \"ab\"}}").pcrs("pcrs"),
                    "the field 'pcrs' must map PCR numbers, in decimal, to hex text");
        }
        assertRefused(() -> body("{\"pcrs\": {\"7\": 12}}").pcrs("pcrs"), "the field 'pcrs' must map PCR numbers, in decimal, to hex text");
    }

    @Test
    void aLineForPeopleIsOnePrintableLine() {
        assertThat(body("{\"description\": \"hand-off bundle 7 signed by ABCD\"}").line("description", 40))
                .isEqualTo("hand-off bundle 7 signed by ABCD");
        for (String text : new String[] {"", "two\\nlines", "\\u001b[2J", "\\u202eexe.jpg", "\\u2028", "x".repeat(41)}) {
            assertRefused(() -> body("{\"description\": \"" + text + "\"}").line("description", 40),
                    "the field 'description' must be one line of 1-40 characters without control characters");
        }
    }

    private static RequestBody body(String json) {
        return RequestBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(ThrowingCallable read, String message) {
        assertThatThrownBy(read).isInstanceOf(Fleet.Refusal.class).hasMessage(message);
    }
}
