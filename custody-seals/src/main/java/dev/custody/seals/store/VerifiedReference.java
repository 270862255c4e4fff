package dev.custody.seals.store;

/**
 * An enrolled reference whose signatures and hash were checked against a trusted keyring: the
 * only way {@link SealStore} hands out a reference photo.
 */
public record VerifiedReference(SealMetadata metadata, byte[] photo, String signerFingerprint, String signerOwner) {}
