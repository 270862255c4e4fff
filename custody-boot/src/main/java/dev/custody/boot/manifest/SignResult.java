package dev.custody.boot.manifest;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.TerminalText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What signing wrote: the kexec files, how many /boot files they cover, the counter value and
 * default, and the staging folders of interrupted runs it removed.
 */
public record SignResult(List<String> written, int filesHashed, OptionalLong rollbackCounter, Optional<String> defaultEntry,
                         List<String> removedStaging) {
    public SignResult {
        written = List.copyOf(written);
        removedStaging = List.copyOf(removedStaging);
    }

    /** What 'boot sign' prints for the /boot folder {@code boot} signed by {@code signer} (the key's description). */
    public String text(Path boot, String signer) {
        StringBuilder out = new StringBuilder(String.format("Signed %s: %d files hashed, signed by %s.%n", boot,
                filesHashed, TerminalText.escape(signer)));
        out.append(rollbackCounter.isPresent() ? "Rollback counter: " + rollbackCounter.getAsLong()
                : "Rollback counter: none (give --tpm to protect against restoring an older /boot)").append('\n');
        defaultEntry.ifPresent(line -> out.append("Default entry: ")
                .append(TerminalText.escape(line.substring(0, line.indexOf('|')))).append('\n'));
        out.append("Wrote: ").append(String.join(" ", written)).append('\n');
        removedStaging.forEach(folder -> out.append("Removed ").append(folder)
                .append(", left by an interrupted boot sign.\n"));
        return out.toString().stripTrailing();
    }

    /** The same as 'boot sign --json' reports it. */
    public Map<String, Object> toJson(Path boot, String signer) {
        return object("boot", boot.toString(), "filesHashed", filesHashed, "signer", signer,
                "rollbackCounter", rollbackCounter.isPresent() ? rollbackCounter.getAsLong() : null,
                "defaultEntry", defaultEntry.orElse(null), "written", written,
                "removedStaging", removedStaging.stream().map(String::valueOf).toList());
    }
}
