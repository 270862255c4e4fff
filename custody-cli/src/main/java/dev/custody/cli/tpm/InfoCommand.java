package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the TPM's maker, firmware version, PCR banks and dictionary-attack lockout state.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    TpmOptions tpmOptions;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        try (Tpm tpm = tpmOptions.open()) {
            TpmInfo info = tpm.info();
            if (json.requested()) {
                System.out.println(Json.write(toJson(tpm.describe(), info)));
            } else {
                System.out.printf("TPM:           %s%n", tpm.describe());
                System.out.printf("Family:        TPM %s%n", info.family());
                System.out.printf("Manufacturer:  %s%s%n", info.manufacturer(),
                        info.vendorString().isEmpty() ? "" : " (" + info.vendorString() + ")");
                System.out.printf("Firmware:      %s%n", info.firmwareVersion());
                System.out.printf("Specification: TPM %s%n", info.specVersion());
                System.out.printf("PCR banks:     %s%n", String.join(", ",
                        info.activeBanks().stream().map(PcrBank::label).toList()));
                System.out.printf("Lockout:       %s%n", info.lockout().describe());
            }
        }
        return 0;
    }

    private static Map<String, Object> toJson(String where, TpmInfo info) {
        Map<String, Object> lockout = new LinkedHashMap<>();
        lockout.put("inLockout", info.lockout().inLockout());
        lockout.put("failedTries", info.lockout().failedTries());
        lockout.put("maxTries", info.lockout().maxTries());
        lockout.put("recoverySeconds", info.lockout().recoverySeconds());
        lockout.put("lockoutRecoverySeconds", info.lockout().lockoutRecoverySeconds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tpm", where);
        out.put("family", info.family());
        out.put("manufacturer", info.manufacturer());
        out.put("vendor", info.vendorString());
        out.put("firmwareVersion", info.firmwareVersion());
        out.put("specification", info.specVersion());
        out.put("banks", info.activeBanks().stream().map(PcrBank::label).toList());
        out.put("lockout", lockout);
        return out;
    }
}
