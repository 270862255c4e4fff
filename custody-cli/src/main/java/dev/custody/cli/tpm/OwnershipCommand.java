package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.common.Secret;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "owner", mixinStandardHelpOptions = true,
        description = "Manage ownership: passphrases, dictionary-attack settings, clearing the TPM.",
        subcommands = {OwnershipCommand.ChangeAuth.class, OwnershipCommand.DictionaryAttack.class,
            OwnershipCommand.DictionaryAttackReset.class, OwnershipCommand.Clear.class})
public final class OwnershipCommand {

    @Command(name = "change-auth", mixinStandardHelpOptions = true,
            description = "Change the owner, lockout or endorsement passphrase (sent to the TPM encrypted).")
    static final class ChangeAuth implements Callable<Integer> {
        @Mixin TpmOptions tpmOptions;

        @Option(names = "--hierarchy", defaultValue = "owner", paramLabel = "owner|lockout|endorsement") Hierarchy hierarchy;

        @Option(names = "--current-file", paramLabel = "F", description = "The current passphrase (default: none).") Path currentFile;

        @Option(names = "--new-file", required = true, paramLabel = "F", description = "The new passphrase.") Path newFile;

        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            try (Secret current = SecretFiles.passphrase(currentFile);
                 Secret next = SecretFiles.passphrase(newFile);
                 Tpm tpm = tpmOptions.open()) {
                tpm.changeAuth(hierarchy, current, next);
            }
            String changed = hierarchy.name().toLowerCase();
            json.print(JsonOutput.object("changed", changed), "Changed the " + changed + " passphrase.");
            return 0;
        }
    }

    @Command(name = "dictionary-attack", mixinStandardHelpOptions = true,
            description = "Set how many wrong passphrases the TPM tolerates and how fast it forgives them.")
    static final class DictionaryAttack implements Callable<Integer> {
        @Option(names = "--max-tries", required = true) int maxTries;

        @Option(names = "--recovery-seconds", required = true, description = "One failure is forgotten after this long.") int recovery;

        @Option(names = "--lockout-recovery-seconds", required = true,
                description = "Wait after a wrong lockout passphrase.")
        int lockoutRecovery;

        @Mixin PassphraseOptions.LockoutStep lockout;

        @Override
        public Integer call() {
            lockout.run((tpm, passphrase) -> tpm.setDictionaryAttackParameters(
                    new DictionaryAttackParameters(maxTries, recovery, lockoutRecovery), passphrase));
            return 0;
        }
    }

    @Command(name = "da-reset", mixinStandardHelpOptions = true,
            description = "End a dictionary-attack lockout now (needs the lockout passphrase).")
    static final class DictionaryAttackReset implements Callable<Integer> {
        @Mixin PassphraseOptions.LockoutStep lockout;

        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            lockout.run(Tpm::resetDictionaryAttack);
            json.print(JsonOutput.object("failedPassphraseCount", 0), "The TPM's failed-passphrase count is back to zero.");
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Clear the TPM (cannot be undone).",
                "Deletes every sealed secret, key, NV index and counter of the owner, and resets the owner,",
                "endorsement and lockout passphrases."})
    static final class Clear implements Callable<Integer> {
        @Mixin PassphraseOptions.LockoutStep lockout;

        @Option(names = "--yes", required = true, description = "Confirm that everything owned in the TPM may go.") boolean confirmed;

        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            lockout.run(Tpm::clear);
            json.print(JsonOutput.object("cleared", true), "The TPM is cleared.");
            return 0;
        }
    }
}
