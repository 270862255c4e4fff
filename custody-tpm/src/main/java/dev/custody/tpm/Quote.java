package dev.custody.tpm;

/**
 * A TPM quote: the TPMS_ATTEST structure the TPM built, and its TPMT_SIGNATURE over it, both
 * exactly as marshalled by the TPM, so that anyone can verify them later.
 */
public record Quote(byte[] attest, byte[] signature) {}
