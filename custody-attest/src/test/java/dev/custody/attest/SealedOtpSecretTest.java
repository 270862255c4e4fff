package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.common.Secret;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PolicyMismatchException;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.testing.Swtpm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SealedOtpSecretTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path state;

    @Test
    void enrolledSecretGivesCodesOnlyOnAnUnchangedMachine() {
        try (Tpm tpm = swtpm.open()) {
            SealedOtpSecret otp = new SealedOtpSecret(tpm, new SealRecords(state));
            byte[] enrolled;
            try (Secret secret = otp.enroll(SealedOtpSecret.COREBOOT_PCRS,
                    tpm.readPcrs(PcrBank.SHA256, SealedOtpSecret.COREBOOT_PCRS))) {
                assertThat(secret.length()).isEqualTo(20);
                enrolled = secret.bytes().clone();
            }
            try (Secret again = otp.unseal()) {
                assertThat(again.bytes()).isEqualTo(enrolled);
            }
            tpm.extend(2, Map.of(PcrBank.SHA256, PcrBank.SHA256.hash("changed romstage".getBytes())));
            assertThatThrownBy(otp::unseal)
                    .isInstanceOf(PolicyMismatchException.class)
                    .hasMessageContaining("PCRs 0,1,2,3,4,7")
                    .hasMessageEndingWith("changed since sealing: PCR 2");
        }
    }

    @Test
    void hotpCounterLivesInTheTpmAndCodesMatchOathtool() throws Exception {
        try (Tpm tpm = swtpm.open(); Secret secret = Secret.copyOf(new byte[20])) {
            SealedOtpSecret otp = new SealedOtpSecret(tpm, new SealRecords(state));
            SealedOtpSecret.HotpCode first = otp.nextHotp(secret);
            SealedOtpSecret.HotpCode second = otp.nextHotp(secret);
            assertThat(second.counter()).isEqualTo(first.counter() + 1);
            assertThat(tpm.readCounter(SealedOtpSecret.HOTP_COUNTER_INDEX)).isEqualTo(second.counter());
            assertThat(second.code()).isEqualTo(OneTimePasswordTest.run("oathtool", "--hotp", "-b",
                    OtpUri.base32(new byte[20]), "-c", Long.toString(second.counter())));
        }
    }
}
