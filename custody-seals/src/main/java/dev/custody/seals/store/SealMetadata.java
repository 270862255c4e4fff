package dev.custody.seals.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.TerminalText;
import dev.custody.seals.Region;
import dev.custody.seals.photo.PhotoFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * What is signed next to an enrolled photo: which seal it shows, where in the photo, the photo's
 * SHA-256, when and by whom. Signed, so the ROI and name cannot be changed to hide a tampered seal.
 */
public record SealMetadata(String name, PhotoFormat format, Optional<Region> roi, String sha256, Instant enrolled,
                           String signer, boolean encrypted) {
    static final String FORMAT = "custody-seal-reference/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("name", name);
        node.put("photoFormat", format.name().toLowerCase(java.util.Locale.ROOT));
        roi.ifPresentOrElse(r -> node.putObject("roi").put("x", r.x()).put("y", r.y()).put("w", r.w()).put("h", r.h()),
                () -> node.putNull("roi"));
        node.put("sha256", sha256);
        node.put("enrolled", enrolled.toString());
        node.put("signer", signer);
        node.put("encrypted", encrypted);
        try {
            return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write seal metadata", e);
        }
    }

    /** Parses metadata whose signature was already checked; anything odd is still refused. */
    static SealMetadata parse(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !FORMAT.equals(node.path("format").asText())) {
                throw new IllegalArgumentException(what + " is not a Custody seal reference (" + FORMAT + ")");
            }
            JsonNode roi = node.path("roi");
            Optional<Region> region = roi.isObject()
                    ? Optional.of(new Region(roi.path("x").asInt(), roi.path("y").asInt(), roi.path("w").asInt(),
                            roi.path("h").asInt()))
                    : Optional.empty();
            return new SealMetadata(text(node, "name", what),
                    PhotoFormat.valueOf(text(node, "photoFormat", what).toUpperCase(java.util.Locale.ROOT)), region,
                    text(node, "sha256", what), Instant.parse(text(node, "enrolled", what)), text(node, "signer", what),
                    node.path("encrypted").asBoolean(false));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException user && user.getMessage() != null && user.getMessage().startsWith(what)) {
                throw user;
            }
            throw new IllegalArgumentException(what + " is damaged: " + reason(e));
        }
    }

    /** Jackson's and java.time's messages quote the bad text and add lines of their own. */
    private static String reason(Exception e) {
        String message = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
        return TerminalText.escape(String.valueOf(message).lines().findFirst().orElse("unreadable"));
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(what + " has no " + field);
        }
        return value.asText();
    }
}
