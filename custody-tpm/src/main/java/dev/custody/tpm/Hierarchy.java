package dev.custody.tpm;

/** The TPM hierarchies whose passphrases an owner manages. */
public enum Hierarchy {
    OWNER(0x40000001),
    LOCKOUT(0x4000000A),
    ENDORSEMENT(0x4000000B);

    private final int handle;

    Hierarchy(int handle) {
        this.handle = handle;
    }

    public int handle() {
        return handle;
    }
}
