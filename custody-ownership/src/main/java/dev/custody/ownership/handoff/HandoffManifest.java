package dev.custody.ownership.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.StrictJson;
import dev.custody.ownership.reference.ReferenceMeasurements;
import dev.custody.ownership.shamir.Shamir;
import dev.custody.ownership.shamir.Share;
import dev.custody.seals.Region;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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

    /** Shown to the new owner as the provisioner wrote it, so nothing that could rewrite the screen. */
    private static final Pattern SERIAL = Pattern.compile("[^\\p{Cntrl}\\p{Cf}]{1,64}");

    /**
     * The manifest comes with the key that signed it, so a good signature does not make its members
     * sane: each is checked here, before the new owner is shown any of it.
     */
    public HandoffManifest {
        if (!Share.isBundleId(bundleId)) {
            throw new IllegalArgumentException("the manifest's bundle id is not 8 to 64 base32 characters");
        }
        if (serial.isPresent() && !SERIAL.matcher(serial.get()).matches()) {
            throw new IllegalArgumentException("the manifest's serial number is empty, over 64 characters long or holds"
                    + " control characters");
        }
        try {
            Shamir.checkParameters(threshold, count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the manifest's shares: " + e.getMessage());
        }
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

    /** Parses a manifest whose signature has already been checked; no member is read as a default. */
    public static HandoffManifest parse(byte[] json) {
        JsonNode node;
        try {
            node = StrictJson.object(json).node();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the manifest is " + e.getMessage());
        }
        if (!FORMAT.equals(node.path("format").textValue()) || !node.path("version").isInt()
                || node.path("version").intValue() != VERSION) {
            throw new IllegalArgumentException("not a Custody hand-off manifest of version " + VERSION);
        }
        try {
            if (!node.path("sealPhotos").isArray()) {
                throw new IllegalArgumentException("the manifest's sealPhotos is not a list");
            }
            List<SealPhoto> seals = new ArrayList<>();
            for (JsonNode photo : node.path("sealPhotos")) {
                JsonNode roi = photo.path("roi");
                if (!roi.isObject() && !roi.isNull()) {
                    throw new IllegalArgumentException("the manifest's sealPhotos.roi is neither a region nor null");
                }
                seals.add(new SealPhoto(text(photo, "sealPhotos", "file"), text(photo, "sealPhotos", "sha256"), roi.isObject()
                        ? Optional.of(new Region(whole(roi, "roi", "x"), whole(roi, "roi", "y"), whole(roi, "roi", "w"),
                        whole(roi, "roi", "h")))
                        : Optional.empty()));
            }
            JsonNode machine = node.path("machine");
            JsonNode serial = machine.path("serial");
            if (!serial.isTextual() && !serial.isNull()) {
                throw new IllegalArgumentException("the manifest's machine.serial is neither text nor null");
            }
            ReferenceMeasurements reference = ReferenceMeasurements.fromJson(node.path("reference"));
            if (!reference.endorsementKeySha256().equals(text(machine, "machine", "endorsementKeySha256"))) {
                throw new IllegalArgumentException("the manifest names two different endorsement keys");
            }
            return new HandoffManifest(text(node, "", "bundleId"), Instant.parse(text(node, "", "created")),
                    serial.isTextual() ? Optional.of(serial.textValue()) : Optional.empty(), reference, seals,
                    whole(node.path("shares"), "shares", "threshold"), whole(node.path("shares"), "shares", "count"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the manifest's date is not an ISO-8601 instant");
        }
    }

    /** A member that must be text: Jackson's asText() would read a number as its digits and a missing member as "". */
    private static String text(JsonNode parent, String parentName, String field) {
        JsonNode value = parent.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the manifest's " + (parentName.isEmpty() ? "" : parentName + ".") + field
                    + " is missing or not text");
        }
        return value.textValue();
    }

    /** A member that must be a JSON integer: Jackson's asInt() would read "3", 2.9 or a missing member as a number. */
    private static int whole(JsonNode parent, String parentName, String field) {
        JsonNode value = parent.path(field);
        if (!value.isInt()) {
            throw new IllegalArgumentException("the manifest's " + parentName + "." + field + " is not a whole number");
        }
        return value.intValue();
    }
}
