package dev.custody.machine.boot;

import dev.custody.boot.manifest.BootSigner;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.SignResult;
import dev.custody.boot.rollback.TpmRollbackCounter;
import dev.custody.common.Secret;
import dev.custody.openpgp.Signer;
import dev.custody.tpm.Tpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Signing as the CLI and the menu do it: with the rollback counter whenever a TPM is in play. */
public final class Signing {
    private Signing() {}

    /** A /boot that had a counter keeps it; otherwise only a TPM the owner named is used. */
    public static SignResult sign(Path boot, Signer signer, OptionalInt defaultIndex, TpmAccess tpm, Secret ownerAuth) {
        if (tpm.named() || Files.exists(boot.resolve(KexecFiles.ROLLBACK))) {
            try (Tpm opened = tpm.open()) {
                return BootSigner.sign(boot, signer, defaultIndex, Optional.of(new TpmRollbackCounter(opened, ownerAuth)));
            }
        }
        return BootSigner.sign(boot, signer, defaultIndex, Optional.empty());
    }
}
