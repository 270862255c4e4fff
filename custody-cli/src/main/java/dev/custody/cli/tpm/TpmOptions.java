package dev.custody.cli.tpm;

import dev.custody.machine.boot.TpmAccess;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmSpec;
import dev.custody.tpm.Tpms;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --tpm} option every command that uses a TPM takes. */
public final class TpmOptions {
    @Option(names = "--tpm", paramLabel = "SPEC",
            description = {"Which TPM: device:PATH, swtpm:HOST:PORT or vtpm:DIR.",
                "Default: $CUSTODY_TPM, else /dev/tpmrm0."})
    String spec;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = {"Where Custody keeps its records (seal records, ...).",
                "Default: beside a vtpm's state, else $CUSTODY_STATE_DIR, else /var/lib/custody."})
    Path stateDirectory;

    /** Whether a TPM was named (option or $CUSTODY_TPM), as opposed to falling back to the default device. */
    public boolean named() {
        return spec != null || System.getenv("CUSTODY_TPM") != null;
    }

    public TpmSpec resolve() {
        return TpmSpec.resolve(spec);
    }

    public Path stateDirectory() {
        return stateDirectory;
    }

    public SealRecords sealRecords() {
        return SealRecords.forTpm(resolve(), stateDirectory);
    }

    public Tpm open() {
        return Tpms.open(resolve());
    }

    /** This TPM for the boot steps, opened only when one needs it. */
    public TpmAccess access() {
        return new TpmAccess(this::open, named());
    }
}
