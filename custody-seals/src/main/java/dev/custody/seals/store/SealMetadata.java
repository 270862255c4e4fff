package dev.custody.seals.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import dev.custody.seals.Region;
import dev.custody.seals.photo.PhotoFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is signed next to an enrolled photo: which seal it shows, where in the photo, the photo's
 * SHA-256, when and by whom. Signed, so the ROI and name cannot be changed to hide a tampered seal.
 */
public record SealMetadata(String name, PhotoFormat format, Optional<Region> roi, String sha256, Instant enrolled,
                           String signer, boolean encrypted) {
    static final String FORMAT = "custody-seal-reference/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("name", name);
        node.put("photoFormat", format.name().toLowerCase(Locale.ROOT));
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

    /**
     * Parses metadata whose signature was already checked; anything odd is still refused, and no
     * member is read as a default (a missing region member is not 0).
     */
    static SealMetadata parse(byte[] json, String what) {
        StrictJson.Members members;
        try {
            members = StrictJson.object(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is damaged: " + e.getMessage());
        }
        if (!FORMAT.equals(members.node().path("format").textValue())) {
            throw new IllegalArgumentException(what + " is not a Custody seal reference (" + FORMAT + ")");
        }
        try {
            Optional<Region> region = members.objectOrNull("roi")
                    .map(roi -> new Region(roi.integer("x"), roi.integer("y"), roi.integer("w"), roi.integer("h")));
            String sha256 = members.text("sha256");
            if (!SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("the member 'sha256' is not a SHA-256 in lower-case hex");
            }
            return new SealMetadata(members.text("name"), photoFormat(members.text("photoFormat")), region, sha256,
                    Instant.parse(members.text("enrolled")), members.text("signer"), members.bool("encrypted"));
        } catch (DateTimeParseException e) {
            // its message quotes the bad text
            throw new IllegalArgumentException(what + " is damaged: the member 'enrolled' is not a time");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is damaged: " + TerminalText.escape(e.getMessage()));
        }
    }

    private static PhotoFormat photoFormat(String name) {
        for (PhotoFormat format : PhotoFormat.values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("the member 'photoFormat' names no photo format Custody writes");
    }

}
