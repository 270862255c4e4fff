package dev.custody.boot.manifest;

import dev.custody.boot.pgp.SignatureCheck;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of verifying /boot. It is good only when nothing at all was found; every check that
 * could not run is itself a finding, so a skipped check never reads as a pass.
 */
public record Verification(List<Finding> findings, Optional<SignatureCheck.Good> signer, int filesHashed,
                           OptionalLong rollbackCounter, Optional<String> defaultEntry) {
    public Verification {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
