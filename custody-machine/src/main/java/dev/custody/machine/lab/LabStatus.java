package dev.custody.machine.lab;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.boot.manifest.BootVerifier;
import dev.custody.boot.manifest.KexecFiles;
import dev.custody.boot.manifest.Verification;
import dev.custody.boot.rollback.TpmRollbackCounter;
import dev.custody.common.Secret;
import dev.custody.machine.DiskUnlock;
import dev.custody.machine.LabMachine;
import dev.custody.openpgp.Keyring;
import dev.custody.tpm.SealRecord;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.VirtualTpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A lab machine at a glance, without changing it: whether it is on, what is sealed in its TPM,
 * and whether its /boot verifies against the keyring in its firmware.
 *
 * @param boot empty when /boot was never signed or the firmware holds no keyring (see {@link #bootUnverifiableReason})
 */
public record LabStatus(Path directory, boolean on, Optional<SealRecord> totp, Optional<SealRecord> diskKey,
                        Optional<Verification> boot, Optional<String> bootUnverifiableReason) {

    public static LabStatus of(LabMachine lab) {
        boolean on = VirtualTpm.status(lab.directory().resolve("tpm")).isPresent();
        Optional<SealRecord> totp = lab.sealRecords().find(SealedOtpSecret.HANDLE);
        Optional<SealRecord> diskKey = lab.sealRecords().find(DiskUnlock.HANDLE);
        if (!Files.exists(lab.bootDirectory().resolve(KexecFiles.SIGNATURE))) {
            return new LabStatus(lab.directory(), on, totp, diskKey, Optional.empty(), Optional.of("/boot is not signed yet"));
        }
        Optional<Path> keyring = lab.firmwareKeyring();
        if (keyring.isEmpty()) {
            return new LabStatus(lab.directory(), on, totp, diskKey, Optional.empty(),
                    Optional.of("the firmware holds no owner keyring"));
        }
        // Reading the rollback counter changes nothing; on a machine that is off it starts the TPM just for that.
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            Verification verification = BootVerifier.verify(lab.bootDirectory(), Keyring.load(keyring.get()),
                    Optional.of(new TpmRollbackCounter(tpm, Secret.empty())), false);
            return new LabStatus(lab.directory(), on, totp, diskKey, Optional.of(verification), Optional.empty());
        }
    }
}
