package dev.custody.ownership.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A manifest is signed by a key the bundle itself carries, so its members are checked one by one. */
class HandoffManifestTest {
    private static final String VALID = read("HandoffManifestFuzzTestInputs/manifest/two-photos-two-of-three.json");

    @Test
    void aValidManifestParsesAndWritesBackTheSameBytesEachTime() {
        HandoffManifest manifest = HandoffManifest.parse(bytes(VALID));
        assertThat(manifest.serial()).contains("PB-0ABC123");
        assertThat(manifest.seals()).extracting(SealPhoto::name).containsExactly("bottom-screw.jpg", "keyboard-seam.jpg");
        assertThat(HandoffManifest.parse(manifest.toJson()).toJson()).isEqualTo(manifest.toJson());
    }

    @Test
    void aSerialThatCouldRewriteTheScreenIsRefused() {
        assertRefused(VALID.replace("PB-0ABC123", "PB\\u001b[2J\\u202e"), "the manifest's serial number is empty,"
                + " over 64 characters long or holds control characters");
    }

    @Test
    void sharesMustBeWholeNumbersThatMakeASplit() {
        assertRefused(VALID.replace("\"threshold\": 2", "\"threshold\": \"2\""),
                "the manifest's shares.threshold is not a whole number");
        assertRefused(VALID.replace("\"threshold\": 2", "\"threshold\": 4"),
                "the manifest's shares: the threshold must be between 1 and the number of shares (3), not 4");
    }

    @Test
    void aBundleIdOrPhotoHashOutsideItsFormIsRefused() {
        assertRefused(VALID.replace("MFRGGZDFMZTWQ2LK", "mfrg"), "the manifest's bundle id is not 8 to 64 base32 characters");
        assertRefused(VALID.replace("0f0f0f0f", "0F0F0F0F"),
                "seal photo bottom-screw.jpg: its SHA-256 is not 64 lowercase hex digits");
    }

    @Test
    void aMissingOrMistypedMemberIsRefusedNotReadAsADefault() {
        assertRefused(VALID.replace("\"file\": \"bottom-screw.jpg\"", "\"file\": 7"),
                "the manifest's sealPhotos.file is missing or not text");
        assertRefused(VALID.replace("\"sealPhotos\"", "\"sealPhotoz\""), "the manifest's sealPhotos is not a list");
        assertRefused(VALID.replace("\"bundleId\": \"MFRGGZDFMZTWQ2LK\"", "\"bundleId\": [\"MFRGGZDFMZTWQ2LK\"]"),
                "the manifest's bundleId is missing or not text");
    }

    @Test
    void aMemberGivenTwiceIsRefused() {
        assertThatThrownBy(() -> HandoffManifest.parse(bytes(VALID.replace("\"bundleId\":",
                "\"bundleId\": \"AAAAAAAAAAAAAAAA\", \"bundleId\":"))))
                .hasMessageStartingWith("the manifest is not valid JSON (Duplicate field 'bundleId'");
    }

    private static void assertRefused(String json, String message) {
        assertThat(json).isNotEqualTo(VALID);
        assertThatThrownBy(() -> HandoffManifest.parse(bytes(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String resource) {
        try (InputStream in = HandoffManifestTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
