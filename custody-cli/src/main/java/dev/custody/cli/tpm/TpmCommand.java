package dev.custody.cli.tpm;

import picocli.CommandLine.Command;

@Command(name = "tpm",
        mixinStandardHelpOptions = true,
        description = {"Talk to the TPM: PCRs, sealed secrets, NV storage, ownership, and virtual TPMs.",
            "Every subcommand takes --tpm device:PATH | swtpm:HOST:PORT | vtpm:DIR."})
public final class TpmCommand {}
