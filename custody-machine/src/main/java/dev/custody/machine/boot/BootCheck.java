package dev.custody.machine.boot;

import dev.custody.boot.manifest.BootVerifier;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.rollback.CounterReader;
import dev.custody.openpgp.Keyring;
import dev.custody.tpm.Tpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** /boot verified against a keyring, with the TPM's rollback counter whenever /boot has a counter record. */
public final class BootCheck {
    private BootCheck() {}

    /** The TPM is used when /boot has a counter record or a TPM is named; a missing TPM is then a finding. */
    public static Verification verify(Path boot, Path keyringFile, TpmAccess tpmAccess, boolean requireRollback) {
        Keyring keyring = Keyring.load(keyringFile);
        if (Files.exists(boot.resolve(KexecFiles.ROLLBACK)) || tpmAccess.named()) {
            try (LazyTpm tpm = new LazyTpm(tpmAccess)) {
                return BootVerifier.verify(boot, keyring, Optional.of(tpm), requireRollback);
            }
        }
        return BootVerifier.verify(boot, keyring, Optional.empty(), requireRollback);
    }

    /** Opens the TPM at the first counter read: verifying a /boot without a counter needs no TPM. */
    private static final class LazyTpm implements CounterReader, AutoCloseable {
        private final TpmAccess access;
        private Tpm tpm;

        LazyTpm(TpmAccess access) {
            this.access = access;
        }

        @Override
        public long read(int nvIndex) {
            if (tpm == null) {
                tpm = access.open();
            }
            return tpm.readCounter(nvIndex);
        }

        @Override
        public void close() {
            if (tpm != null) {
                tpm.close();
            }
        }
    }
}
