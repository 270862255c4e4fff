package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.common.Secret;
import dev.custody.tpm.Tpm;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The TPM and the NV index (or counter) that a subcommand of {@code tpm nv} or {@code tpm counter} works on. */
final class NvSlot {
    @Mixin TpmOptions tpmOptions;

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

    /** {@code nv define} and {@code counter define}: a new index, made with the owner's passphrase. */
    abstract static class Defining implements Callable<Integer> {
        @Mixin NvSlot nv;

        @Mixin PassphraseOptions.Owner ownerAuth;

        @Mixin JsonOutput json;

        /** Runs {@code step} with the owner passphrase, then reports it. */
        void define(BiConsumer<Tpm, Secret> step, Map<String, Object> result, String text) {
            ownerAuth.withTpm(nv::open, step);
            json.print(result, text);
        }
    }
}
