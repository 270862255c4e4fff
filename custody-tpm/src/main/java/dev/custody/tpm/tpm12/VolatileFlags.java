package dev.custody.tpm.tpm12;

/** TPM_STCLEAR_FLAGS: state that lasts until the next TPM_Startup(ST_CLEAR). */
public record VolatileFlags(boolean deactivated, boolean disableForceClear, boolean physicalPresence,
                            boolean physicalPresenceLock) {
    static VolatileFlags read(Reader in) {
        in.u16();
        return new VolatileFlags(in.u8() != 0, in.u8() != 0, in.u8() != 0, in.u8() != 0);
    }
}
