package dev.custody.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.testing.Swtpm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Software MakeCredential against the real TPM's ActivateCredential (swtpm). */
class CredentialActivationTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void theTpmReleasesTheCredentialOnlyForItsOwnAttestationKey() {
        byte[] credential = "enrolment challenge 0123456789ab".getBytes(StandardCharsets.US_ASCII);
        try (Tpm tpm = swtpm.open()) {
            byte[] ek = tpm.endorsementKeyPublic(Secret.empty());
            AttestationKey ak = tpm.createAttestationKey(Secret.empty());
            ProtectedCredential made = CredentialProtection.protect(ek, CredentialProtection.objectName(ak.publicArea()),
                    credential);
            try (Secret released = tpm.activateCredential(ak, made, Secret.empty())) {
                assertThat(released.bytes()).isEqualTo(credential);
            }

            AttestationKey other = tpm.createAttestationKey(Secret.empty());
            ProtectedCredential forOther = CredentialProtection.protect(ek,
                    CredentialProtection.objectName(other.publicArea()), credential);
            assertThatThrownBy(() -> tpm.activateCredential(ak, forOther, Secret.empty()))
                    .isInstanceOf(TpmException.class);
        }
    }
}
