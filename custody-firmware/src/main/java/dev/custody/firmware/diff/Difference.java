package dev.custody.firmware.diff;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import java.util.Locale;
import java.util.Map;

/**
 * One item that differs between two images.
 *
 * @param scope  {@code ifd-region}, {@code fmap-area} or {@code cbfs-file}
 * @param name   e.g. {@code Intel ME}, {@code COREBOOT} or {@code COREBOOT/fallback/romstage}
 * @param detail what changed, in a few words
 */
public record Difference(String scope, String name, Change change, String detail) {
    /** One line of {@code rom diff}: change, scope, name and detail, names from the image escaped. */
    public String line() {
        return TerminalText.format("%-8s %-10s %s: %s", changeName(), scope, name, detail);
    }

    /** As {@code rom diff --json} lists it. */
    public Map<String, Object> toJson() {
        return object("scope", scope, "name", name, "change", changeName(), "detail", detail);
    }

    private String changeName() {
        return change.name().toLowerCase(Locale.ROOT);
    }
}
