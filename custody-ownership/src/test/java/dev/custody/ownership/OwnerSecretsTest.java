package dev.custody.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.attest.OtpUri;
import dev.custody.common.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OwnerSecretsTest {
    private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theTextShownKeepsTheOrderTheSecretsWereMadeIn() {
        try (OwnerSecrets secrets = new OwnerSecrets().with(OwnerSecrets.USER_PIN, text("123456"))
                .with(OwnerSecrets.ADMIN_PIN, text("12345678"))) {
            assertThat(secrets.asText()).containsExactly(
                    java.util.Map.entry(OwnerSecrets.USER_PIN, "123456"), java.util.Map.entry(OwnerSecrets.ADMIN_PIN, "12345678"));
        }
    }

    @Test
    void theTotpKeyIsDecodedFromItsBase32() {
        try (OwnerSecrets secrets = new OwnerSecrets().with(OwnerSecrets.TOTP_SECRET, text(OtpUri.base32(KEY)));
             Secret key = secrets.totpKey().orElseThrow()) {
            assertThat(key.bytes()).isEqualTo(KEY);
        }
        try (OwnerSecrets none = new OwnerSecrets()) {
            assertThat(none.totpKey()).isEmpty();
        }
    }

    private static Secret text(String value) {
        return Secret.adopt(value.getBytes(StandardCharsets.UTF_8));
    }
}
