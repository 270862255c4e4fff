package dev.custody.machine.boot;

import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import java.util.function.Supplier;

/**
 * Which TPM the boot steps use, opened only when needed (a /boot without counter record needs
 * none), and whether the owner named it: only a named TPM gets a new rollback counter.
 */
public record TpmAccess(Supplier<Tpm> opener, boolean named) {
    /** A machine's own TPM, which is always the one meant. */
    public static TpmAccess of(TpmSpec spec) {
        return new TpmAccess(() -> Tpms.open(spec), true);
    }

    public Tpm open() {
        return opener.get();
    }
}
