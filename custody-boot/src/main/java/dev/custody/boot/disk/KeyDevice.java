package dev.custody.boot.disk;

import dev.custody.common.TerminalText;
import java.nio.file.Path;

/**
 * One LUKS device the disk unlock key opens: the name Heads records ({@code /dev/sda2}), where
 * cryptsetup reaches it (the same path on a real machine, the image file on a lab machine) and its
 * LUKS UUID.
 */
public record KeyDevice(String name, Path path, String uuid) {
    public KeyDevice {
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + TerminalText.escape(name)
                    + "' cannot be recorded as a key device (no spaces or control characters allowed)");
        }
    }

    /** Heads' kexec_key_devices.txt line: {@code <device> <luksUUID>}. */
    public String line() {
        return name + " " + uuid + "\n";
    }
}
