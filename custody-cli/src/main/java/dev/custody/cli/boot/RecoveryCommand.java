package dev.custody.cli.boot;

import dev.custody.boot.policy.BootMode;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.tpm.Tpm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Mark entering the recovery shell: extends PCR 4 with \"recovery\", as Heads does,",
            "so the TOTP stops verifying until the next clean boot. Refused in restricted mode."})
final class RecoveryCommand implements Callable<Integer> {
    @Mixin
    PolicyOption policyOption;

    @Mixin
    TpmOptions tpmOptions;

    @Override
    public Integer call() {
        BootMode recovery = BootMode.recovery(policyOption.policy());
        try (Tpm tpm = tpmOptions.open()) {
            BootMode.measure(recovery, tpm);
        }
        System.out.println("PCR 4 extended with \"recovery\": the TOTP will not verify until the next clean boot.");
        return 0;
    }
}
