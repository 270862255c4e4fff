package dev.custody.tpm.tpm12;

/** The TPM_PERMANENT_FLAGS Custody looks at (TPM Main Part 2, section 7.1). */
public record PermanentFlags(boolean disabled, boolean ownershipAllowed, boolean deactivated, boolean readPubek,
                             boolean disableOwnerClear, boolean physicalPresenceLifetimeLock,
                             boolean physicalPresenceHwEnable, boolean physicalPresenceCmdEnable, boolean nvLocked) {
    /** The 16 flags up to nvLocked; later revisions add more, which Custody does not read. */
    static PermanentFlags read(Reader in) {
        in.u16();
        byte[] flag = in.bytes(16);
        return new PermanentFlags(flag[0] != 0, flag[1] != 0, flag[2] != 0, flag[3] != 0, flag[4] != 0,
                flag[6] != 0, flag[7] != 0, flag[8] != 0, flag[15] != 0);
    }
}
