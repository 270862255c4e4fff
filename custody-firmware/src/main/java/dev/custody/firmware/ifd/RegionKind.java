package dev.custody.firmware.ifd;

/** What each flash region register describes, named as ifdtool names it. */
public enum RegionKind {
    DESCRIPTOR("Flash Descriptor"),
    BIOS("BIOS"),
    ME("Intel ME"),
    GBE("GbE"),
    PLATFORM_DATA("Platform Data"),
    RESERVED_5("Reserved"),
    RESERVED_6("Reserved"),
    RESERVED_7("Reserved"),
    EC("EC");

    private final String ifdtoolName;

    RegionKind(String ifdtoolName) {
        this.ifdtoolName = ifdtoolName;
    }

    public String ifdtoolName() {
        return ifdtoolName;
    }

    public static RegionKind ofIndex(int index) {
        return values()[index];
    }
}
