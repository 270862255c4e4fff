package dev.custody.tpm;

/**
 * What the TPM says it has room for (TPM2_GetCapability, TPM_PROPERTIES), read before a
 * multi-step operation so that it does not stop half-way on a full TPM.
 *
 * @param transientAvailable     TPM_PT_HR_TRANSIENT_AVAIL: objects that can still be loaded at once
 * @param persistentAvailable    TPM_PT_HR_PERSISTENT_AVAIL: more persistent objects that fit
 * @param nvIndexMax             TPM_PT_NV_INDEX_MAX: the largest NV index data, in bytes
 * @param nvCountersAvailable    TPM_PT_NV_COUNTERS_AVAIL: more counters that fit, where the TPM says
 *                               (0 when it does not track them apart from other indexes)
 * @param platformHierarchy      TPMA_STARTUP_CLEAR.phEnable: the firmware left the platform
 *                               hierarchy on, so the TPM can be cleared without the lockout passphrase
 * @param clearDisabled          TPMA_PERMANENT.disableClear: TPM2_Clear through the lockout hierarchy is off
 * @param inLockout              TPMA_PERMANENT.inLockout: passphrase checks are refused for now
 */
public record TpmCapacity(int transientAvailable, int persistentAvailable, int nvIndexMax, int nvCountersAvailable,
                          boolean platformHierarchy, boolean clearDisabled, boolean inLockout) {}
