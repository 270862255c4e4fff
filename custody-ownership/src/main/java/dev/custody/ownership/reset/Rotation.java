package dev.custody.ownership.reset;

import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;

/** Re-ownership on receipt: every secret the provisioner knew is replaced. */
public final class Rotation {
    private Rotation() {}

    /**
     * Runs the re-ownership with fresh secrets, using {@code current} (recovered from the hand-off
     * shares) to take the TPM over. Returns the new secrets, which the caller shows once.
     */
    public static OwnerSecrets rotate(Machine machine, OwnerSecrets current) {
        throw new UnsupportedOperationException("re-ownership is not written yet");
    }
}
