package dev.custody.cli.boot;

import dev.custody.cli.JsonOutput;
import dev.custody.boot.manifest.Verification;
import dev.custody.cli.tpm.TpmOptions;
import dev.custody.machine.boot.BootCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify /boot as Heads does before booting: the signature over the kexec*.txt files,",
            "every hash, no file added or removed, the rollback counter and the default entry;",
            "no unknown kexec* name, and boot entries only from signed configs loading signed files in /boot.",
            "Exit 0 only when everything verifies; each problem names the file at fault."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin BootDirectory boot;

    @Option(names = "--keyring", required = true, paramLabel = "FILE",
            description = "The owner's public keys: pubring.kbx, or an armored or binary export.")
    Path keyringFile;

    @Mixin TpmOptions tpmOptions;

    @Option(names = "--require-rollback",
            description = "Refuse a /boot that has no rollback counter record (also CONFIG_BOOT_REQ_ROLLBACK=y in --config).")
    boolean requireRollback;

    @Mixin PolicyOption policyOption;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        Verification verification = BootCheck.verify(boot.path(), keyringFile, tpmOptions.access(),
                requireRollback || policyOption.policy().requireRollback());
        output.print(verification.toJson(boot.path()), verification.text(boot.path()));
        return verification.ok() ? 0 : 1;
    }
}
