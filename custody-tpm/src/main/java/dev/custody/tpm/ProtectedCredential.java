package dev.custody.tpm;

/**
 * A credential as TPM2_MakeCredential returns it (TPM 2.0 Part 1 §24, Credential Protection).
 *
 * @param integrityHmac     HMAC over the encrypted identity and the attestation key's name
 * @param encryptedIdentity the credential (a TPM2B_DIGEST) encrypted with AES-128-CFB
 * @param encryptedSeed     the seed both keys derive from, RSA-OAEP-encrypted to the endorsement key
 */
public record ProtectedCredential(byte[] integrityHmac, byte[] encryptedIdentity, byte[] encryptedSeed) {}
