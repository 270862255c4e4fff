package dev.custody.ownership.reset;

import dev.custody.common.Secret;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.TpmInfo;
import java.util.List;

/**
 * Heads' TPM reset (tpmr.sh). On a TPM 2.0, tpm2_reset: clear through the platform hierarchy,
 * set the owner and endorsement passphrases, set the dictionary-attack parameters, and throw
 * away a random lockout passphrase so that lifting a lockout needs another reset. On a TPM 1.2,
 * tpm1_reset: TPM_ForceClear under physical presence (or TPM_OwnerClear with the current owner
 * passphrase), then TPM_TakeOwnership with the new owner passphrase and the well-known SRK secret.
 */
final class TpmReset {
    /** How the TPM was cleared. */
    enum Authority {
        PLATFORM("cleared through the platform hierarchy"),
        LOCKOUT("cleared through the lockout hierarchy"),
        PHYSICAL_PRESENCE("cleared with TPM_ForceClear under physical presence"),
        OWNER("cleared with TPM_OwnerClear and the current owner passphrase");

        private final String description;

        Authority(String description) {
            this.description = description;
        }
    }

    private TpmReset() {}

    /** Resets the TPM; returns what to tell the owner about it, a line each. */
    static List<String> reset(Tpm tpm, Secret newOwnerAuth, Secret currentOwnerAuth, DictionaryAttackParameters dictionaryAttack) {
        boolean tpm12 = TpmInfo.FAMILY_1_2.equals(tpm.info().family());
        Authority authority = clear(tpm, currentOwnerAuth, tpm12);
        tpm.changeAuth(Hierarchy.OWNER, Secret.empty(), newOwnerAuth);
        if (tpm12) {
            return List.of(authority.description + "; ownership taken with the new owner passphrase (SRK: well-known secret)",
                    "endorsement passphrase: not applicable on TPM 1.2, which has only the owner passphrase",
                    "dictionaryAttack: not applicable on TPM 1.2, whose maker fixes the defence; the answer is not used");
        }
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
        return List.of(authority.description + "; new owner passphrase set",
                "dictionary attack: " + dictionaryAttack.maxTries() + " tries, one forgiven every "
                        + dictionaryAttack.recoverySeconds() + " s");
    }

    private static Authority clear(Tpm tpm, Secret currentOwnerAuth, boolean tpm12) {
        try {
            tpm.clearAsPlatform(Secret.empty());
            return tpm12 ? Authority.PHYSICAL_PRESENCE : Authority.PLATFORM;
        } catch (TpmException platformRefused) {
            try {
                tpm.clear(currentOwnerAuth);
                return tpm12 ? Authority.OWNER : Authority.LOCKOUT;
            } catch (TpmException lockoutRefused) {
                throw new TpmException("cannot clear the TPM: " + (tpm12 ? "physical presence" : "the platform hierarchy")
                        + " refused (" + platformRefused.getMessage() + ") and so did the " + (tpm12 ? "owner" : "lockout")
                        + " passphrase (" + lockoutRefused.getMessage() + "); give the current passphrase as"
                        + " currentTpmOwnerPassphrase, or clear the TPM in the firmware setup");
            }
        }
    }
}
