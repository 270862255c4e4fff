package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import picocli.CommandLine.Command;

@Command(name = "power-cycle", mixinStandardHelpOptions = true,
        description = {"Reboot a software TPM.",
            "PCRs go back to their reset values; NV, counters and persistent objects stay.",
            "Only for swtpm and virtual TPMs."})
public final class PowerCycleCommand extends TpmReport {
    @Override
    void report(Tpm tpm) {
        tpm.powerControl()
                .orElseThrow(() -> new TpmException(tpm.describe() + " is a hardware TPM; reboot the machine instead"))
                .powerCycle();
        json.print(JsonOutput.object("powerCycled", tpm.describe()), "Power-cycled " + tpm.describe() + ".");
    }
}
