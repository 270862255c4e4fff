package dev.custody.firmware.flash;

import java.nio.file.Path;
import java.util.List;

/**
 * @param carriedOver the {@code heads/} files copied from the chip's previous contents
 */
public record FlashReport(Path backup, int bytesWritten, List<String> carriedOver) {
    public FlashReport {
        carriedOver = List.copyOf(carriedOver);
    }
}
