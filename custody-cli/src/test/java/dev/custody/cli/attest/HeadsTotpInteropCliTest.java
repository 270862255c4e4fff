package dev.custody.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine Heads set up shows its code through Custody with no extra options: the TOTP secret is
 * sealed here with tpm2-tools exactly as Heads' {@code tpmr seal} does it on a TPM 2.0, and Custody
 * has no seal record of it.
 */
class HeadsTotpInteropCliTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    Path state;

    @Test
    void aTotpSealedByHeadsTpmrShowsTheSameCodeAsOathtoolAndStopsWhenAPcrChanges() throws Exception {
        byte[] secret = HexFormat.of().parseHex("3132333435363738393031323334353637383930");
        Files.write(swtpm.directory().resolve("secret.bin"), secret);
        swtpm.tpm2("tpm2_createprimary", "-Q", "-C", "owner", "-g", "sha256", "-G", "rsa", "-c", "primary.ctx");
        swtpm.tpm2("tpm2_evictcontrol", "-Q", "-C", "owner", "-c", "primary.ctx", "0x81000000");
        swtpm.tpm2("tpm2_flushcontext", "-t");
        swtpm.tpm2("tpm2_startauthsession", "-S", "trial.ctx");
        swtpm.tpm2("tpm2_policypcr", "-Q", "-l", "sha256:0,1,2,3,4,7", "-S", "trial.ctx", "-L", "policy.dat");
        swtpm.tpm2("tpm2_flushcontext", "trial.ctx");
        swtpm.tpm2("tpm2_create", "-Q", "-C", "0x81000000", "-i", "secret.bin", "-u", "totp.pub", "-r", "totp.priv",
                "-L", "policy.dat", "-a", "fixedtpm|fixedparent|adminwithpolicy");
        swtpm.tpm2("tpm2_load", "-Q", "-C", "0x81000000", "-u", "totp.pub", "-r", "totp.priv", "-c", "totp.ctx");
        swtpm.tpm2("tpm2_evictcontrol", "-Q", "-C", "owner", "-c", "totp.ctx", "0x81004d47");
        swtpm.tpm2("tpm2_flushcontext", "-t");

        String expected = "";
        String code = null;
        for (int attempt = 0; attempt < 3 && !expected.equals(code); attempt++) {
            CliRun totp = CliRun.of("totp", "--json", "--tpm", swtpm.spec(), "--state-dir", state.toString());
            assertThat(totp.exitCode()).as(totp.err()).isZero();
            code = totp.out().replaceAll("(?s).*\"code\": \"(\\d{6})\".*", "$1");
            expected = run("oathtool", "--totp", HexFormat.of().formatHex(secret));
        }
        assertThat(code).isEqualTo(expected);

        assertThat(CliRun.of("tpm", "extend", "--tpm", swtpm.spec(), "--pcr", "4", "--data", "recovery").exitCode()).isZero();
        CliRun refused = CliRun.of("totp", "--tpm", swtpm.spec(), "--state-dir", state.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("custody: ").contains("TPM_RC_POLICY_FAIL").contains("0,1,2,3,4,7");
    }

    @Test
    void withNothingSealedItSaysHowToSeal() {
        CliRun totp = CliRun.of("totp", "--tpm", "vtpm:" + state.resolve("empty-tpm"), "--state-dir", state.toString());
        assertThat(totp.exitCode()).isEqualTo(1);
        assertThat(totp.err()).contains("no TOTP/HOTP secret is sealed").contains("custody totp seal");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return out;
    }
}
