package dev.custody.tpm;

import static dev.custody.common.JsonMaps.object;

import java.util.List;
import java.util.Map;

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

    /** What {@code tpm info} prints for the TPM at {@code where}. */
    public List<String> lines(String where) {
        return List.of(
                String.format("TPM:           %s", where),
                String.format("Family:        TPM %s", family),
                String.format("Manufacturer:  %s%s", manufacturer, vendorString.isEmpty() ? "" : " (" + vendorString + ")"),
                String.format("Firmware:      %s", firmwareVersion),
                String.format("Specification: TPM %s", specVersion),
                String.format("PCR banks:     %s", String.join(", ", bankLabels())),
                String.format("Lockout:       %s", lockout.describe()));
    }

    /** The same as JSON. */
    public Map<String, Object> toJson(String where) {
        return object("tpm", where,
                "family", family,
                "manufacturer", manufacturer,
                "vendor", vendorString,
                "firmwareVersion", firmwareVersion,
                "specification", specVersion,
                "banks", bankLabels(),
                "lockout", object("inLockout", lockout.inLockout(),
                        "failedTries", lockout.failedTries(),
                        "maxTries", lockout.maxTries(),
                        "recoverySeconds", lockout.recoverySeconds(),
                        "lockoutRecoverySeconds", lockout.lockoutRecoverySeconds()));
    }

    private List<String> bankLabels() {
        return activeBanks.stream().map(PcrBank::label).toList();
    }
}
