package dev.custody.firmware.flash;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * @param carriedOver the {@code heads/} files copied from the chip's previous contents
 */
public record FlashReport(Path backup, int bytesWritten, List<String> carriedOver) {
    public FlashReport {
        carriedOver = List.copyOf(carriedOver);
    }

    /** As {@code rom flash --json} shows it. */
    public Map<String, Object> toJson() {
        return object("bytesWritten", bytesWritten, "verified", true, "backup", backup.toString(), "carriedOver", carriedOver);
    }

    /** As {@code rom flash} tells it; the names of the files kept come from the chip, so they are escaped. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Flashed and verified %d bytes. Previous contents saved in %s.", bytesWritten, backup));
        carriedOver.forEach(name -> lines.add("Kept " + TerminalText.escape(name)));
        return lines;
    }
}
