package dev.custody.tpm;

import java.util.List;

public record TpmInfo(String manufacturer, String vendorString, String firmwareVersion, String specVersion,
                      List<PcrBank> activeBanks, LockoutState lockout) {}
