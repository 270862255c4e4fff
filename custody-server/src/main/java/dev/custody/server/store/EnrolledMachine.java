package dev.custody.server.store;

import dev.custody.tpm.AttestationKey;
import java.util.List;
import java.util.Optional;

/**
 * A machine as the server knows it: the TPM's endorsement key, the attestation key proven to
 * live in that TPM, how often it should report, and its last verdict.
 */
public record EnrolledMachine(long id, String name, byte[] endorsementKey, String endorsementKeySha256,
                              byte[] attestationKeyPublic, String attestationKeyName, int intervalSeconds,
                              long enrolledAt, String state, List<String> reasons, Optional<Long> lastSeen) {
    public EnrolledMachine {
        reasons = List.copyOf(reasons);
    }

    /** Verifiers need only the public area. */
    public AttestationKey attestationKey() {
        return new AttestationKey(attestationKeyPublic, new byte[0]);
    }
}
