package dev.custody.firmware.inventory;

/** The kinds of binary-only vendor code and data an image can carry. */
public enum BlobKind {
    INTEL_ME("Intel ME firmware", false),
    INTEL_FSP("Intel FSP", true),
    INTEL_FSP_T("Intel FSP-T", true),
    INTEL_FSP_M("Intel FSP-M", true),
    INTEL_FSP_S("Intel FSP-S", true),
    INTEL_ACM("Intel authenticated code module", true),
    MICROCODE("CPU microcode", true),
    MRC("Intel memory init (mrc.bin)", true),
    VGA_OPTION_ROM("VGA option ROM", true),
    OPTION_ROM("Option ROM", true),
    VBT("Intel video BIOS table", false),
    EC_FIRMWARE("Embedded controller firmware", false),
    GBE("Intel GbE NVM", false),
    AMD_PSP("AMD PSP firmware", false);

    private final String description;
    private final boolean runsOnMainCpu;

    BlobKind(String description, boolean runsOnMainCpu) {
        this.description = description;
        this.runsOnMainCpu = runsOnMainCpu;
    }

    public String description() {
        return description;
    }

    /** Microcode counts: the CPU executes it. ME, EC, PSP and GbE firmware run on their own cores. */
    public boolean runsOnMainCpu() {
        return runsOnMainCpu;
    }
}
