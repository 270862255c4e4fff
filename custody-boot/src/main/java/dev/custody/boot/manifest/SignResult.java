package dev.custody.boot.manifest;

import java.util.List;
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
}
