package dev.custody.cli.recovery;

import picocli.CommandLine.Command;

@Command(name = "recovery-auth", mixinStandardHelpOptions = true,
        description = {"Ask for authentication before the recovery shell and the forced boot, as VaultBoot does:",
            "a recovery passphrase, or a signature by the owner's OpenPGP key over a fresh challenge. The choice",
            "lives in the firmware's config.user (CONFIG_CUSTODY_RECOVERY_AUTH), so PCR 7 measures it."})
public final class RecoveryAuthCommand {}
