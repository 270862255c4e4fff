package dev.custody.firmware.flash;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * @param backup             where the chip's current contents are saved before writing
 * @param keepSettings       copy the current image's {@code heads/} files into the new one
 * @param allowLayoutChange  write even if the size or descriptor layout differs from the chip's
 * @param biosOnly           write only the descriptor's BIOS region, as Heads does on machines
 *                           whose descriptor keeps the host from writing the other regions
 */
public record FlashOptions(Path backup, boolean keepSettings, boolean allowLayoutChange, boolean biosOnly) {
    public FlashOptions {
        if (biosOnly && allowLayoutChange) {
            throw new FlashException("writing only the BIOS region needs the chip's descriptor layout, so it cannot be "
                    + "combined with --allow-layout-change");
        }
    }

    /** Where a chip's contents are saved when the user names no file: custody-backup-TIME.rom, here. */
    public static Path defaultBackup() {
        return Path.of("custody-backup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".rom");
    }
}
