package dev.custody.eventlog;

/** The measurement log formats Custody reads. */
public enum LogFormat {
    TCG_SHA1("tcg-sha1", "TCG SHA1 format (TPM 1.2 style)"),
    CRYPTO_AGILE("crypto-agile", "TCG crypto-agile format"),
    COREBOOT_TABLE("coreboot-table", "coreboot table format (CBMEM \"TPM CB log\")"),
    COREBOOT_TPM1("coreboot-cbt1", "coreboot TCG TPM 1.2 format (vendor magic CBT1)"),
    COREBOOT_TPM2("coreboot-cbt2", "coreboot TCG TPM 2.0 format (vendor magic CBT2)"),
    CBMEM_TEXT("cbmem-text", "text printed by cbmem -L");

    private final String id;
    private final String description;

    LogFormat(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The stable name used in JSON output. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** coreboot measures CBFS file contents but logs only their names, so EV_ACTION digests cover no logged data. */
    public boolean isCoreboot() {
        return this == COREBOOT_TABLE || this == COREBOOT_TPM1 || this == COREBOOT_TPM2 || this == CBMEM_TEXT;
    }
}
