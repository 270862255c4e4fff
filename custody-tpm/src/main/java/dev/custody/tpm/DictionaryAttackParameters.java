package dev.custody.tpm;

/**
 * The TPM's defence against passphrase guessing: after {@code maxTries} failures it refuses
 * passphrase checks; one failure is forgotten every {@code recoverySeconds}; a wrong lockout
 * passphrase blocks the lockout hierarchy for {@code lockoutRecoverySeconds}.
 */
public record DictionaryAttackParameters(int maxTries, int recoverySeconds, int lockoutRecoverySeconds) {
    public DictionaryAttackParameters {
        if (maxTries < 1 || recoverySeconds < 0 || lockoutRecoverySeconds < 0) {
            throw new IllegalArgumentException("dictionary-attack settings must be positive");
        }
    }
}
