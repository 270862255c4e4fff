package dev.custody.tpm.tpm12;

/** The TPM_PERMANENT_FLAGS Custody looks at (TPM Main Part 2, section 7.1). */
public record PermanentFlags(boolean disabled, boolean ownershipAllowed, boolean deactivated, boolean readPubek,
                             boolean disableOwnerClear, boolean physicalPresenceLifetimeLock,
                             boolean physicalPresenceHwEnable, boolean physicalPresenceCmdEnable, boolean nvLocked) {
    static PermanentFlags read(byte[] bytes) {
        Reader in = new Reader(bytes, "TPM_PERMANENT_FLAGS");
        in.u16();
        byte[] flag = in.rest();
        if (flag.length < 16) {
            throw new dev.custody.tpm.TpmException("TPM_PERMANENT_FLAGS is truncated (" + flag.length + " flags)");
        }
        return new PermanentFlags(flag[0] != 0, flag[1] != 0, flag[2] != 0, flag[3] != 0, flag[4] != 0,
                flag[6] != 0, flag[7] != 0, flag[8] != 0, flag[15] != 0);
    }
}
