package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "power-cycle", mixinStandardHelpOptions = true,
        description = {"Reboot a software TPM.",
            "PCRs go back to their reset values; NV, counters and persistent objects stay.",
            "Only for swtpm and virtual TPMs."})
final class PowerCycleCommand implements Callable<Integer> {
    @Mixin
    TpmOptions tpmOptions;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        try (Tpm tpm = tpmOptions.open()) {
            tpm.powerControl()
                    .orElseThrow(() -> new TpmException(tpm.describe() + " is a hardware TPM; reboot the machine instead"))
                    .powerCycle();
            json.print(JsonOutput.object("powerCycled", tpm.describe()), "Power-cycled " + tpm.describe() + ".");
        }
        return 0;
    }
}
