package dev.custody.ownership.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.seals.Region;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;

/**
 * What the provisioner vouches for, signed with their OpenPGP key: which machine (board, serial,
 * TPM endorsement key), its firmware, its /boot, the PCR values it will show, the seal photos,
 * and how its secrets were split. The signature covers the file's exact bytes, which
 * {@link #toJson()} writes in one fixed field order, so the same manifest always gives the same bytes.
 */
public record HandoffManifest(String bundleId, Instant created, Optional<String> serial, ReferenceMeasurements reference,
                              List<SealPhoto> seals, int threshold, int count) {
    public static final String FORMAT = "custody-handoff-manifest";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public HandoffManifest {
        seals = List.copyOf(seals);
    }

    /** 80 random bits in base32: names the bundle on every share. */
    public static String newBundleId() {
        byte[] id = new byte[10];
        new SecureRandom().nextBytes(id);
        return new Base32().encodeAsString(id);
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("version", VERSION);
        node.put("bundleId", bundleId);
        node.put("created", created.toString());
        ObjectNode machine = node.putObject("machine");
        machine.put("board", reference.board());
        serial.ifPresentOrElse(s -> machine.put("serial", s), () -> machine.putNull("serial"));
        machine.put("endorsementKeySha256", reference.endorsementKeySha256());
        node.set("reference", reference.toJson());
        ArrayNode photos = node.putArray("sealPhotos");
        seals.forEach(p -> {
            ObjectNode photo = photos.addObject().put("file", p.name()).put("sha256", p.sha256());
            p.roi().ifPresentOrElse(r -> photo.putObject("roi").put("x", r.x()).put("y", r.y()).put("w", r.w()).put("h", r.h()),
                    () -> photo.putNull("roi"));
        });
        node.putObject("shares").put("threshold", threshold).put("count", count);
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a manifest whose signature has already been checked. */
    public static HandoffManifest parse(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not valid JSON");
        }
        if (node == null || !FORMAT.equals(node.path("format").asText()) || node.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("not a Custody hand-off manifest of version " + VERSION);
        }
        try {
            List<SealPhoto> seals = new ArrayList<>();
            for (JsonNode photo : node.path("sealPhotos")) {
                JsonNode roi = photo.path("roi");
                seals.add(new SealPhoto(photo.path("file").asText(), photo.path("sha256").asText(), roi.isObject()
                        ? Optional.of(new Region(roi.path("x").asInt(), roi.path("y").asInt(), roi.path("w").asInt(),
                        roi.path("h").asInt())) : Optional.empty()));
            }
            JsonNode serial = node.path("machine").path("serial");
            ReferenceMeasurements reference = ReferenceMeasurements.fromJson(node.path("reference"));
            if (!reference.endorsementKeySha256().equals(node.path("machine").path("endorsementKeySha256").asText())) {
                throw new IllegalArgumentException("the manifest names two different endorsement keys");
            }
            return new HandoffManifest(node.path("bundleId").asText(), Instant.parse(node.path("created").asText()),
                    serial.isTextual() ? Optional.of(serial.textValue()) : Optional.empty(), reference, seals,
                    node.path("shares").path("threshold").asInt(), node.path("shares").path("count").asInt());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the manifest's date is not an ISO-8601 instant");
        }
    }
}
