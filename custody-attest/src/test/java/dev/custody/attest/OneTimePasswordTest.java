package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OneTimePasswordTest {
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hotpMatchesRfc4226AppendixD() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314",
            "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(OneTimePassword.hotp(RFC_KEY, counter)).isEqualTo(expected[counter]);
        }
    }

    @Test
    void totpMatchesRfc6238ToSixDigits() {
        OneTimePassword.TotpCode code = OneTimePassword.totp(RFC_KEY, Instant.ofEpochSecond(59));
        assertThat(code.code()).isEqualTo("287082");
        assertThat(code.secondsLeft()).isEqualTo(1);
        assertThat(OneTimePassword.totp(RFC_KEY, Instant.ofEpochSecond(1111111109)).code()).isEqualTo("081804");
    }

    @Test
    void totpAndHotpEqualOathtool() throws IOException, InterruptedException {
        byte[] key = HexFormat.of().parseHex("3132333435363738393031323334353637383930aa");
        String base32 = OtpUri.base32(key);
        long now = 1_800_000_000L;
        String oathTotp = run("oathtool", "--totp", "-b", base32, "--now", "@" + now);
        assertThat(OneTimePassword.totp(key, Instant.ofEpochSecond(now)).code()).isEqualTo(oathTotp);
        assertThat(OneTimePassword.hotp(key, 42)).isEqualTo(run("oathtool", "--hotp", "-b", base32, "-c", "42"));
    }

    static String run(String... command) throws IOException, InterruptedException {
        // Only stdout: zbarimg chatters about D-Bus on stderr when there is no system bus.
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
