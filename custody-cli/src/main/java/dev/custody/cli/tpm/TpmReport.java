package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.Tpm;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that opens the TPM, does one thing with it and reports it, as text or JSON. */
abstract class TpmReport implements Callable<Integer> {
    @Mixin TpmOptions tpmOptions;

    @Mixin JsonOutput json;

    /** Does this command's one thing and prints it through {@link #json}. */
    abstract void report(Tpm tpm);

    @Override
    public Integer call() {
        try (Tpm tpm = tpmOptions.open()) {
            report(tpm);
        }
        return 0;
    }
}
