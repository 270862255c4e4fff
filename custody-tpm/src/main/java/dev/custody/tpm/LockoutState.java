package dev.custody.tpm;

/** The dictionary-attack counters as the TPM reports them (TPM_PT_LOCKOUT_* properties). */
public record LockoutState(boolean inLockout, int failedTries, int maxTries, int recoverySeconds,
                           int lockoutRecoverySeconds) {

    /** One sentence on what this means for someone about to type a passphrase. */
    public String describe() {
        if (inLockout) {
            return String.format("locked out after %d failed passphrases; one try comes back every %d s, "
                    + "or reset it now with 'custody tpm da-reset' and the lockout passphrase", failedTries, recoverySeconds);
        }
        return String.format("not locked out (%d of %d allowed failures used)", failedTries, maxTries);
    }
}
