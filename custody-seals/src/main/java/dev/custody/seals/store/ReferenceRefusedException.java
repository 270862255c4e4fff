package dev.custody.seals.store;

/**
 * An enrolled reference that failed verification: a bad or missing signature, a changed photo,
 * metadata of another seal. Never compared; the CLI gives it its own exit status because it may
 * itself be a sign of tampering (with the store rather than the seal).
 */
public final class ReferenceRefusedException extends IllegalStateException {
    public ReferenceRefusedException(String message) {
        super(message);
    }
}
