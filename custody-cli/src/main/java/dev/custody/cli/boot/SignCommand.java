package dev.custody.cli.boot;

import dev.custody.boot.manifest.SignResult;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.key.SigningKeyOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
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
final class SignCommand implements Callable<Integer> {
    @Mixin
    BootDirectory boot;

    @Mixin
    SigningKeyOptions key;

    @Option(names = "--default", paramLabel = "N", description = "Make boot entry N (see boot entries) the default.")
    Integer defaultEntry;

    @Mixin
    TpmOptions tpmOptions;

    @Mixin
    PassphraseOptions.Owner ownerPassphrase;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        Signer signer = signer();
        OptionalInt defaultIndex = defaultEntry == null ? OptionalInt.empty() : OptionalInt.of(defaultEntry);
        SignResult result;
        try (Secret ownerAuth = ownerPassphrase.read()) {
            result = Signing.sign(boot.path(), signer, defaultIndex, tpmOptions.access(), ownerAuth);
        }
        output.print(JsonOutput.object("boot", boot.path().toString(), "filesHashed", result.filesHashed(),
                "signer", signer.describe(), "rollbackCounter", result.rollbackCounter().isPresent() ? result.rollbackCounter().getAsLong() : null,
                "defaultEntry", result.defaultEntry().orElse(null), "written", result.written(),
                "removedStaging", result.removedStaging().stream().map(String::valueOf).toList()), text(signer, result));
        return 0;
    }

    private String text(Signer signer, SignResult result) {
        StringBuilder out = new StringBuilder(String.format("Signed %s: %d files hashed, signed by %s.%n", boot.path(),
                result.filesHashed(), TerminalText.escape(signer.describe())));
        out.append(result.rollbackCounter().isPresent() ? "Rollback counter: " + result.rollbackCounter().getAsLong()
                : "Rollback counter: none (give --tpm to protect against restoring an older /boot)").append('\n');
        result.defaultEntry().ifPresent(line -> out.append("Default entry: ")
                .append(TerminalText.escape(line.substring(0, line.indexOf('|')))).append('\n'));
        out.append("Wrote: ").append(String.join(" ", result.written())).append('\n');
        result.removedStaging().forEach(folder -> out.append("Removed ").append(folder)
                .append(", left by an interrupted boot sign.\n"));
        return out.toString().stripTrailing();
    }

    private Signer signer() {
        return key.chosen().orElseThrow(() -> new IllegalArgumentException(
                "say which key signs: --key KEY.asc (custody key generate) or --gpg-home DIR (gpg, smartcards)"));
    }
}
