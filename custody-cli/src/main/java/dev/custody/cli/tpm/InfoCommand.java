package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmInfo;
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
            json.print(info.toJson(tpm.describe()), String.join("\n", info.lines(tpm.describe())));
        }
        return 0;
    }
}
