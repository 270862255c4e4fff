package dev.custody.tpm.tpm12;

import java.nio.charset.StandardCharsets;

/** TPM_CAP_VERSION_INFO: the specification version and level, firmware revision and maker. */
public record VersionInfo(int major, int minor, int revisionMajor, int revisionMinor, int specLevel, int errata,
                          String vendorId) {
    static VersionInfo read(Reader in) {
        in.u16();
        int major = in.u8();
        int minor = in.u8();
        int revisionMajor = in.u8();
        int revisionMinor = in.u8();
        int specLevel = in.u16();
        int errata = in.u8();
        String vendor = new String(in.bytes(4), StandardCharsets.US_ASCII).replace("\0", "").strip();
        return new VersionInfo(major, minor, revisionMajor, revisionMinor, specLevel, errata, vendor);
    }

    /** "1.2", the TPM family. */
    public String family() {
        return major + "." + minor;
    }

    /** As the TCG names a TPM 1.2 revision: "1.2 level 2 revision 116". */
    public String specVersion() {
        return family() + " level " + specLevel + " revision " + errata;
    }

    public String firmwareVersion() {
        return revisionMajor + "." + revisionMinor;
    }
}
