package dev.custody.ownership.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndorsementKeyHashTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @Test
    void readsTheKeyAlsoWhenAResetSetTheEndorsementPassphrase() {
        try (Tpm tpm = swtpm.open()) {
            String before = ReferenceMeasurements.endorsementKeySha256(tpm, Secret.empty());
            assertThat(before).matches("[0-9a-f]{64}");
            tpm.changeAuth(Hierarchy.ENDORSEMENT, Secret.empty(), passphrase());
            assertThat(ReferenceMeasurements.endorsementKeySha256(tpm, passphrase())).isEqualTo(before);
            assertThatThrownBy(() -> ReferenceMeasurements.endorsementKeySha256(tpm, Secret.empty()))
                    .hasMessageContaining("cannot read the TPM's endorsement key");
            tpm.changeAuth(Hierarchy.ENDORSEMENT, passphrase(), Secret.empty());
        }
    }

    private static Secret passphrase() {
        return Secret.copyOf("12345678".getBytes(StandardCharsets.UTF_8));
    }
}
