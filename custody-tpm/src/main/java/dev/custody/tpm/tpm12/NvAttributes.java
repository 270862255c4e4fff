package dev.custody.tpm.tpm12;

/** TPM_NV_PER_* permission bits of an NV area (TPM Main Part 2, section 19.2). */
public final class NvAttributes {
    public static final int PPWRITE = 0x00000001;
    public static final int OWNERWRITE = 0x00000002;
    public static final int AUTHWRITE = 0x00000004;
    public static final int WRITEALL = 0x00001000;
    public static final int WRITEDEFINE = 0x00002000;
    public static final int WRITE_STCLEAR = 0x00004000;
    public static final int GLOBALLOCK = 0x00008000;
    public static final int PPREAD = 0x00010000;
    public static final int OWNERREAD = 0x00020000;
    public static final int AUTHREAD = 0x00040000;
    public static final int READ_STCLEAR = 0x80000000;

    private NvAttributes() {}
}
