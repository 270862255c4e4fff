package dev.custody.tpm;

/**
 * A restricted ECDSA P-256 signing key under the storage key: it signs only data the TPM itself
 * produced (quotes), so a quote it signed is the TPM's own statement about its PCRs.
 *
 * @param publicArea  TPMT_PUBLIC, as the TPM marshals it; verifiers need only this
 * @param privateArea TPM2B_PRIVATE, encrypted by the TPM to its storage key
 */
public record AttestationKey(byte[] publicArea, byte[] privateArea) {}
