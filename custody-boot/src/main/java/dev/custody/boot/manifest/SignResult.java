package dev.custody.boot.manifest;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What signing wrote: the kexec files, how many /boot files they cover, the counter value and default. */
public record SignResult(List<String> written, int filesHashed, OptionalLong rollbackCounter, Optional<String> defaultEntry) {
    public SignResult {
        written = List.copyOf(written);
    }
}
