package dev.custody.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The codes Custody shows are the codes an authenticator app computes from the QR code it scanned. */
class TotpCliTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path work;

    @Test
    void totpAndHotpMatchOathtoolFedFromTheQrCode() throws Exception {
        Path png = work.resolve("totp.png");
        CliRun sealed = CliRun.of("totp", "seal", "--tpm", swtpm.spec(), "--state-dir", work.toString(),
                "--pcrs", "0,1,2,3,4,7", "--label", "lab", "--qr-png", png.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(sealed.out()).contains("█").contains("Sealed to PCRs 0,1,2,3,4,7 at 0x81004d47");

        String uri = run("zbarimg", "--quiet", "--raw", png.toString());
        Matcher secret = Pattern.compile("^otpauth://totp/lab\\?secret=([A-Z2-7]+)$").matcher(uri);
        assertThat(secret.matches()).as(uri).isTrue();

        String code = null;
        String expected = "";
        for (int attempt = 0; attempt < 3 && !expected.equals(code); attempt++) {
            CliRun totp = CliRun.of("totp", "--tpm", swtpm.spec(), "--state-dir", work.toString(), "--json");
            assertThat(totp.exitCode()).as(totp.err()).isZero();
            code = jsonString(totp.out(), "code");
            expected = run("oathtool", "--totp", "-b", secret.group(1));
        }
        assertThat(code).isEqualTo(expected);

        CliRun hotp = CliRun.of("hotp", "--tpm", swtpm.spec(), "--state-dir", work.toString(), "--json", "--no-key");
        assertThat(hotp.exitCode()).as(hotp.err()).isZero();
        String counter = hotp.out().replaceAll("(?s).*\"counter\": (\\d+).*", "$1");
        assertThat(jsonString(hotp.out(), "code"))
                .isEqualTo(run("oathtool", "--hotp", "-b", secret.group(1), "-c", counter));
    }

    @Test
    void aChangedMeasurementMeansNoCodeAndNamesThePcr() {
        CliRun sealed = CliRun.of("totp", "seal", "--tpm", swtpm.spec(), "--state-dir", work.toString(),
                "--pcrs", "0,1,2,3,4,7");
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(CliRun.of("tpm", "extend", "--tpm", swtpm.spec(), "--pcr", "2", "--data", "new romstage")
                .exitCode()).isZero();
        CliRun refused = CliRun.of("totp", "--tpm", swtpm.spec(), "--state-dir", work.toString(), "--json");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("changed since sealing: PCR 2");
    }

    @Test
    void resettablePcrsAreRefusedUnlessAllowed() {
        for (String pcrs : new String[] {"16", "0,2,23", "0-17", "20"}) {
            CliRun refused = CliRun.of("totp", "seal", "--tpm", swtpm.spec(), "--state-dir", work.toString(), "--pcrs", pcrs);
            assertThat(refused.exitCode()).as(pcrs).isEqualTo(1);
            assertThat(refused.err()).as(pcrs).contains("--pcrs: PCRs [").contains("--allow-resettable-pcrs");
        }
        CliRun allowed = CliRun.of("totp", "seal", "--tpm", swtpm.spec(), "--state-dir", work.toString(), "--pcrs", "16",
                "--allow-resettable-pcrs");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.err()).contains("warning: sealing to resettable PCRs [16]");
    }

    @Test
    void hotpWithoutAKeyToolSaysSo() {
        CliRun.of("totp", "seal", "--tpm", swtpm.spec(), "--state-dir", work.toString(), "--pcrs", "0");
        CliRun hotp = CliRun.of("hotp", "--tpm", swtpm.spec(), "--state-dir", work.toString());
        assertThat(hotp.exitCode()).isEqualTo(HotpCommand.NO_KEY);
        assertThat(hotp.out()).contains("No USB security key could be checked");
    }

    private static String jsonString(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return out;
    }
}
