package dev.custody.ownership.handoff;

import dev.custody.common.TerminalText;
import dev.custody.seals.Region;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A photo of a tamper-evident seal shipped in the bundle, as the manifest names it, with where
 * the seal is in it (the comparison looks only there).
 */
public record SealPhoto(String name, String sha256, Optional<Region> roi) {
    public SealPhoto {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("seal photo name '" + TerminalText.escape(name) + "' must be a plain file name");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("seal photo " + name + ": its SHA-256 is not 64 lowercase hex digits");
        }
    }

    /** A photo to ship: {@code FILE} or {@code FILE@x,y,w,h}, the seal's region in pixels. */
    public record ToShip(Path file, Optional<Region> roi) {
        public static ToShip parse(String text) {
            int at = text.lastIndexOf('@');
            if (at > 0 && text.substring(at + 1).matches("[0-9, ]+")) {
                return new ToShip(Path.of(text.substring(0, at)), Optional.of(Region.parse(text.substring(at + 1))));
            }
            return new ToShip(Path.of(text), Optional.empty());
        }
    }
}
