package dev.custody.cli.tpm;

import dev.custody.tpm.Tpm;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The TPM and the NV index (or counter) that a subcommand of {@code tpm nv} or {@code tpm counter} works on. */
final class NvSlot {
    @Mixin
    TpmOptions tpmOptions;

    @Option(names = "--index", required = true, converter = HexHandle.class, paramLabel = "0x01xxxxxx",
            description = "The NV index (0x01000000-0x01ffffff).")
    int index;

    Tpm open() {
        return tpmOptions.open();
    }

    /** The index as the TPM tools write it: 0x01xxxxxx. */
    String name() {
        return HexHandle.format(index);
    }
}
