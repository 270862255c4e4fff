package dev.custody.cli.boot;

import dev.custody.boot.manifest.SignResult;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.key.SigningKeyOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.common.Secret;
import dev.custody.machine.boot.Signing;
import dev.custody.openpgp.Signer;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Hash every /boot file and sign the lists, in Heads' formats.",
            "With a TPM the rollback counter is incremented and bound into kexec_rollback.txt.",
            "The new files replace the old ones only after the signature succeeded."})
public final class SignCommand implements Callable<Integer> {
    @Mixin BootDirectory boot;

    @Mixin SigningKeyOptions key;

    @Option(names = "--default", paramLabel = "N", description = "Make boot entry N (see boot entries) the default.") Integer defaultEntry;

    @Mixin TpmOptions tpmOptions;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        Signer signer = signer();
        OptionalInt defaultIndex = defaultEntry == null ? OptionalInt.empty() : OptionalInt.of(defaultEntry);
        SignResult result;
        try (Secret ownerAuth = ownerPassphrase.read()) {
            result = Signing.sign(boot.path(), signer, defaultIndex, tpmOptions.access(), ownerAuth);
        }
        output.print(result.toJson(boot.path(), signer.describe()), result.text(boot.path(), signer.describe()));
        return 0;
    }

    private Signer signer() {
        return key.chosen().orElseThrow(() -> new IllegalArgumentException(
                "say which key signs: --key KEY.asc (custody key generate) or --gpg-home DIR (gpg, smartcards)"));
    }
}
