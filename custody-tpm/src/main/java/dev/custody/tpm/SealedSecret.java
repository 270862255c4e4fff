package dev.custody.tpm;

import static dev.custody.common.JsonMaps.object;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What {@code tpm seal} made: an object at a persistent handle, or a blob in a file. */
public record SealedSecret(Optional<Integer> handle, Optional<Path> blob, int bytes, PcrPolicy policy) {

    public Map<String, Object> toJson() {
        return object("handle", handle.map(SealedSecret::hex).orElse(null), "blob", blob.map(Path::toString).orElse(null),
                "bytes", bytes, "pcrs", policy.pcrs(), "bank", "sha256", "passphrase", policy.withAuthValue());
    }

    public String text() {
        return handle.isPresent()
                ? String.format("Sealed %d bytes at %s to PCRs %s (sha256)%s.", bytes, hex(handle.get()), policy.pcrList(),
                        policy.withAuthValue() ? " and a passphrase" : "")
                : String.format("Sealed %d bytes to PCRs %s (sha256) into %s.", bytes, policy.pcrList(), blob.orElseThrow());
    }

    private static String hex(int handle) {
        return String.format("0x%08x", handle);
    }
}
