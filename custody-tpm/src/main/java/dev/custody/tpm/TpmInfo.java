package dev.custody.tpm;

import java.util.List;

/** @param family "2.0" or "1.2", the TPM specification family the TPM implements */
public record TpmInfo(String manufacturer, String vendorString, String firmwareVersion, String specVersion,
                      List<PcrBank> activeBanks, LockoutState lockout, String family) {
    public static final String FAMILY_2_0 = "2.0";
    public static final String FAMILY_1_2 = "1.2";

    /** A TPM 2.0's information. */
    public TpmInfo(String manufacturer, String vendorString, String firmwareVersion, String specVersion,
                   List<PcrBank> activeBanks, LockoutState lockout) {
        this(manufacturer, vendorString, firmwareVersion, specVersion, activeBanks, lockout, FAMILY_2_0);
    }
}
