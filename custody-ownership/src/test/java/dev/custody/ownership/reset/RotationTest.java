package dev.custody.ownership.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.attest.OtpUri;
import dev.custody.common.Secret;
import dev.custody.machine.LabMachine;
import dev.custody.machine.MachineOtp;
import dev.custody.machine.lab.LabCreator;
import dev.custody.machine.lab.LabPower;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provisioned lab machine taken over: every secret the provisioner knew stops working. */
class RotationTest {
    @TempDir
    Path work;

    private LabMachine lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            LabPower.stop(lab);
        }
    }

    @Test
    void everySecretIsReplacedAndTheOldOnesNoLongerWork() {
        lab = LabCreator.create(work.resolve("lab"));
        LabPower.powerOn(lab);
        try (Answers answers = Answers.parse("{\"tpmOwnerPassphrase\": \"provisioner 1\"}".getBytes(StandardCharsets.UTF_8));
             OwnershipReset.Outcome provisioned = OwnershipReset.run(lab, answers, OwnershipReset.Progress.SILENT);
             OwnerSecrets rotated = Rotation.rotate(lab, provisioned.secrets())) {
            String oldOwner = text(provisioned.secrets().get(OwnerSecrets.TPM_OWNER_PASSPHRASE).orElseThrow());
            String newOwner = text(rotated.get(OwnerSecrets.TPM_OWNER_PASSPHRASE).orElseThrow());
            assertThat(newOwner).isNotEqualTo(oldOwner).hasSize(20);
            assertThat(text(rotated.get(OwnerSecrets.KEY_PASSPHRASE).orElseThrow()))
                    .isNotEqualTo(text(provisioned.secrets().get(OwnerSecrets.KEY_PASSPHRASE).orElseThrow()));
            String oldTotp = text(provisioned.secrets().get(OwnerSecrets.TOTP_SECRET).orElseThrow());
            String newTotp = text(rotated.get(OwnerSecrets.TOTP_SECRET).orElseThrow());
            assertThat(newTotp).isNotEqualTo(oldTotp);

            try (Tpm tpm = Tpms.open(lab.tpm()); Secret unsealed = new MachineOtp(lab, tpm).unseal()) {
                assertThat(OtpUri.base32(unsealed.bytes())).isEqualTo(newTotp).isNotEqualTo(oldTotp);
                try (Secret old = Secret.copyOf(oldOwner.getBytes(StandardCharsets.UTF_8));
                     Secret fresh = Secret.copyOf(newOwner.getBytes(StandardCharsets.UTF_8))) {
                    assertThatThrownBy(() -> tpm.defineNv(0x01500010, 8, old)).isInstanceOf(TpmException.class);
                    tpm.defineNv(0x01500011, 8, fresh);
                }
            }
        }
    }

    private static String text(Secret secret) {
        return new String(secret.bytes(), StandardCharsets.UTF_8);
    }
}
