package dev.custody.ownership.reset;

import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Secret;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;

/**
 * Heads' tpm2_reset (tpmr.sh): clear through the platform hierarchy, set the owner and
 * endorsement passphrases, create the primary key, set the dictionary-attack parameters, and
 * throw away a random lockout passphrase so that lifting a lockout needs another reset.
 */
final class TpmReset {
    /** How the TPM was cleared. */
    enum Authority { PLATFORM, LOCKOUT }

    private TpmReset() {}

    static Authority reset(Tpm tpm, Secret newOwnerAuth, Secret currentOwnerAuth, DictionaryAttackParameters dictionaryAttack) {
        Authority authority = clear(tpm, currentOwnerAuth);
        tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), newOwnerAuth);
        tpm.changeAuth(Hierarchy.ENDORSEMENT, Secret.empty(), newOwnerAuth);
        tpm.setDictionaryAttackParameters(dictionaryAttack, Secret.empty());
        if (authority == Authority.PLATFORM) {
            try (Secret lockout = tpm.random(32)) {
                tpm.changeAuth(Hierarchy.LOCKOUT, Secret.empty(), lockout);
            }
        } else {
            // Without the platform hierarchy (UEFI) the next owner can only clear with the lockout
            // passphrase, so it is the owner passphrase rather than thrown away.
            tpm.changeAuth(Hierarchy.LOCKOUT, Secret.empty(), newOwnerAuth);
        }
        return authority;
    }

    private static Authority clear(Tpm tpm, Secret currentOwnerAuth) {
        try {
            tpm.clearAsPlatform(Secret.empty());
            return Authority.PLATFORM;
        } catch (TpmException platformRefused) {
            try {
                tpm.clear(currentOwnerAuth);
                return Authority.LOCKOUT;
            } catch (TpmException lockoutRefused) {
                throw new TpmException("cannot clear the TPM: the platform hierarchy refused (" + platformRefused.getMessage()
                        + ") and so did the lockout passphrase (" + lockoutRefused.getMessage() + "); give the current "
                        + "passphrase as currentTpmOwnerPassphrase, or clear the TPM in the firmware setup");
            }
        }
    }
}
