package dev.custody.seals.store;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import dev.custody.seals.Region;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code seals enroll} did: the photo, where the seal is in it ({@code marked} by the owner
 * or found), and where the signed reference is stored.
 */
public record Enrolment(String name, Path photo, int width, int height, Region seal, boolean marked,
                        SealStore.Enrolled enrolled, boolean encrypted) {

    public Map<String, Object> toJson() {
        return object("name", name, "photo", photo.toString(), "width", width, "height", height,
                "seal", object("source", source(), "x", seal.x(), "y", seal.y(), "w", seal.w(), "h", seal.h()),
                "signer", enrolled.metadata().signer(), "encrypted", encrypted, "folder", enrolled.folder().toString());
    }

    public String text() {
        return TerminalText.format("Enrolled seal %s from %s (%dx%d, seal %s at %d,%d %dx%d).%n", name, photo,
                width, height, source(), seal.x(), seal.y(), seal.w(), seal.h())
                + TerminalText.format("Signed by %s%s.%nStored in %s%n", enrolled.metadata().signer(),
                        encrypted ? ", photo encrypted" : "", enrolled.folder())
                + String.format("Check it later with: custody seals check --name %s NEW-PHOTO%n", name);
    }

    private String source() {
        return marked ? "marked" : "found";
    }
}
