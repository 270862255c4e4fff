package dev.custody.seals.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.common.fuzz.FuzzRefusals;
import dev.custody.seals.Region;
import dev.custody.seals.photo.PhotoFormat;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signed metadata is read back exactly as written, and no member is ever taken as a default. */
class SealMetadataTest {
    private static final String WHAT = "the metadata of seal case";
    private static final SealMetadata METADATA = new SealMetadata("case", PhotoFormat.JPEG, Optional.of(new Region(5, 6, 70, 80)),
            "ab".repeat(32), Instant.parse("2026-12-07T05:00:00Z"), "Owner <owner@example.org>", false);

    private static String written() {
        return new String(METADATA.toJson(), UTF_8);
    }

    private static String refusal(String json) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SealMetadata.parse(json.getBytes(UTF_8), WHAT));
        FuzzRefusals.requireOneLine(refused);
        String message = refused.getMessage();
        assertTrue(message.startsWith(WHAT), message);
        return message;
    }

    @Test
    void whatIsWrittenIsReadBack() {
        assertEquals(METADATA, SealMetadata.parse(METADATA.toJson(), WHAT));
    }

    @Test
    void aRegionMemberThatIsMissingIsRefusedNotReadAsZero() {
        assertTrue(refusal(written().replace("\"x\" : 5,", "")).contains("'x'"));
        assertTrue(refusal(written().replace("\"x\" : 5", "\"x\" : \"5\"")).contains("'x'"));
    }

    @Test
    void encryptedMustBeSaidAndBeTrueOrFalse() {
        assertTrue(refusal(written().replace("\"encrypted\" : false", "\"encrypted\" : \"yes\"")).contains("'encrypted'"));
        assertTrue(refusal(written().replace(",\n  \"encrypted\" : false", "")).contains("'encrypted'"));
    }

    @Test
    void theHashMustBeASha256AndTheFormatOneCustodyWrites() {
        assertTrue(refusal(written().replace("ab".repeat(32), "ab".repeat(31))).contains("'sha256'"));
        assertTrue(refusal(written().replace("\"jpeg\"", "\"gif\"")).contains("'photoFormat'"));
        assertTrue(refusal(written().replace("2026-12-07T05:00:00Z", "yesterday")).contains("'enrolled'"));
    }

    @Test
    void aMemberGivenTwiceIsRefused() {
        refusal(written().replace("\"name\" : \"case\",", "\"name\" : \"case\", \"name\" : \"other\","));
    }

    @Test
    void anotherFormatIsNotAReference() {
        assertTrue(refusal(written().replace(SealMetadata.FORMAT, "custody-seal-reference/2")).contains("not a Custody seal"));
    }
}
