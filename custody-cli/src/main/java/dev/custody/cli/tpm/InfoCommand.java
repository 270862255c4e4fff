package dev.custody.cli.tpm;

import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmInfo;
import picocli.CommandLine.Command;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the TPM's maker, firmware version, PCR banks and dictionary-attack lockout state.")
public final class InfoCommand extends TpmReport {
    @Override
    void report(Tpm tpm) {
        TpmInfo info = tpm.info();
        json.print(info.toJson(tpm.describe()), String.join("\n", info.lines(tpm.describe())));
    }
}
