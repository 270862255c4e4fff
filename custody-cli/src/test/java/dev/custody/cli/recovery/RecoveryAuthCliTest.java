package dev.custody.cli.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.LabTools;
import dev.custody.cli.TestLab;
import dev.custody.machine.LabMachine;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20 end to end through the custody command, on a lab machine after own reset: the
 * recovery passphrase set through the safe flash (TOTP kept), wrong and right passphrases, the
 * failed-attempt count across a power-on, and the OpenPGP challenge with gpg's real signatures.
 */
class RecoveryAuthCliTest {
    private static final String OWNER = "correct horse 12";
    private static final String KEY_PASSPHRASE = "key passphrase";
    private static final String RECOVERY = "recovery words 7";

    @RegisterExtension
    final TestLab testLab = new TestLab();

    private Path work;
    private Path lab;
    private Path gnupg;

    private void reset(String extraAnswers) throws IOException {
        work = testLab.work();
        lab = testLab.create();
        CliRun.of("lab", "power-on", lab.toString());
        Path answers = Files.writeString(work.resolve("answers.json"), "{\"tpmOwnerPassphrase\": \"" + OWNER
                + "\", \"keyType\": \"ed25519\", \"keyPassphrase\": \"" + KEY_PASSPHRASE + "\"" + extraAnswers + "}");
        CliRun reset = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString());
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("the prediction was right");
    }

    @AfterEach
    void stopGpgAgent() throws Exception {
        if (gnupg != null) {
            gpg("gpgconf --homedir \"$GNUPGHOME\" --kill all");
        }
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    private byte[] pcr4() {
        try (Tpm tpm = Tpms.open(new LabMachine(lab).tpm())) {
            return tpm.readPcrs(PcrBank.SHA256, List.of(4)).get(4);
        }
    }

    private CliRun recovery(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("boot", "recovery", "--machine", lab.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private boolean totpShown() {
        return CliRun.of("totp", "--json", "--machine", lab.toString()).exitCode() == 0;
    }

    @Test
    void aPassphraseSetThroughTheSafeFlashKeepsTheTotpAndOnlyTheRightOneEntersRecovery() throws Exception {
        reset("");
        Path owner = file("owner", OWNER);
        String romBefore = CliRun.of("rom", "config", lab.resolve("rom.bin").toString()).out();
        CliRun withoutOwner = CliRun.of("recovery-auth", "set", "--machine", lab.toString(), "--passphrase-file",
                file("recovery", RECOVERY + "\n").toString());
        assertThat(withoutOwner.exitCode()).isNotZero();
        assertThat(withoutOwner.err()).contains("owner passphrase is wrong or missing").contains("nothing was changed");
        assertThat(CliRun.of("rom", "config", lab.resolve("rom.bin").toString()).out()).isEqualTo(romBefore);
        CliRun set = CliRun.of("recovery-auth", "set", "--machine", lab.toString(), "--passphrase-file",
                file("recovery", RECOVERY + "\n").toString(), "--owner-auth-file", owner.toString());
        assertThat(set.exitCode()).as(set.out() + set.err()).isZero();
        assertThat(set.out()).contains("Recovery authentication: passphrase").contains("TOTP: resealed");
        CliRun config = CliRun.of("rom", "config", lab.resolve("rom.bin").toString());
        assertThat(config.out()).containsPattern("CONFIG_CUSTODY_RECOVERY_AUTH=pbkdf2-sha256:600000:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}")
                .doesNotContain(RECOVERY);

        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString());
        assertThat(poweredOn.exitCode()).as(poweredOn.out()).isZero();
        String code = LabTools.totpCode(lab);
        assertThat(code).matches("\\d{6}");

        byte[] before = pcr4();
        CliRun wrong = recovery("--passphrase-file", file("wrong", "not the words").toString());
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err().strip()).startsWith("custody: wrong recovery passphrase (1 failed recovery attempt since"
                + " the last boot").doesNotContain("\n");
        assertThat(pcr4()).isEqualTo(before);
        assertThat(totpShown()).isTrue();

        for (String bad : new String[] {"", "x".repeat(129)}) {
            CliRun refused = recovery("--passphrase-file", file("bad", bad).toString());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err().strip()).matches("custody: the recovery passphrase (is empty|is longer than 128 characters)");
        }
        CliRun second = recovery("--passphrase-file", file("wrong", "still not them").toString());
        assertThat(second.err()).contains("2 failed recovery attempts since the last boot").contains("waited 2 s");
        CliRun noProof = recovery();
        assertThat(noProof.exitCode()).isNotZero();
        assertThat(noProof.err()).contains("give it (--passphrase-file F)");
        assertThat(pcr4()).isEqualTo(before);

        CliRun counted = CliRun.of("lab", "power-on", lab.toString());
        assertThat(counted.out()).contains("WARNING: 2 failed recovery attempts since the last boot");
        CliRun again = CliRun.of("lab", "power-on", lab.toString(), "--json");
        assertThat(again.out()).contains("\"failedRecoveryAttempts\": 0");

        CliRun right = recovery("--passphrase-file", work.resolve("recovery").toString());
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(right.out()).contains("Recovery entered (authentication: passphrase)");
        assertThat(pcr4()).isNotEqualTo(before);
        assertThat(totpShown()).isFalse();
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isZero();
        assertThat(totpShown()).isTrue();

        CliRun off = CliRun.of("recovery-auth", "off", "--machine", lab.toString(), "--owner-auth-file", owner.toString(), "--json");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).contains("\"recoveryAuth\": \"none\"").contains("\"totpResealed\": true");
        assertThat(CliRun.of("rom", "config", lab.resolve("rom.bin").toString()).out()).doesNotContain("CONFIG_CUSTODY_RECOVERY_AUTH");
    }

    @Test
    void theOwnersSignatureOverTheChallengeIsAcceptedAnotherKeyAndAReplayAreNot() throws Exception {
        reset(", \"recoveryAuth\": \"gpg\"");
        gnupg = Files.createDirectory(work.resolve("gnupg"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path secretKey = OwnershipFiles.of(new LabMachine(lab)).ownerSecretKey();
        gpg("gpg --batch --pinentry-mode loopback --passphrase '" + KEY_PASSPHRASE + "' --import " + secretKey);
        byte[] before = pcr4();

        CliRun challenge = recovery("--challenge", "--json");
        assertThat(challenge.exitCode()).as(challenge.err()).isZero();
        String line = challenge.out().replaceAll("(?s).*\"challenge\": \"([^\"]+)\".*", "$1");
        assertThat(line).startsWith("custody-recovery-challenge machine=");
        Path clearsigned = work.resolve("answer.asc");
        gpg("echo '" + line + "' | gpg --batch --pinentry-mode loopback --passphrase '" + KEY_PASSPHRASE
                + "' --clearsign > " + clearsigned);
        CliRun good = recovery("--signature-file", clearsigned.toString());
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).contains("authentication: gpg");
        assertThat(pcr4()).isNotEqualTo(before);
        assertThat(CliRun.of("lab", "power-on", lab.toString()).exitCode()).isZero();
        before = pcr4();

        CliRun replay = recovery("--signature-file", clearsigned.toString());
        assertThat(replay.err().strip()).isEqualTo("custody: no challenge is waiting for a signature; make one (--challenge)");
        assertThat(recovery("--challenge").out()).contains("custody-recovery-challenge machine=").contains("█");
        CliRun replayed = recovery("--signature-file", clearsigned.toString());
        assertThat(replayed.exitCode()).isNotZero();
        assertThat(replayed.err()).contains("the signature is over an earlier challenge, not the current one");

        String next = recovery("--challenge", "--json").out().replaceAll("(?s).*\"challenge\": \"([^\"]+)\".*", "$1");
        Path data = file("challenge.txt", next + "\n");
        gpg("gpg --batch --passphrase '' --quick-gen-key 'Someone Else <else@lab.invalid>' ed25519 sign never"
                + " && gpg --batch --yes --pinentry-mode loopback --passphrase '' -u else@lab.invalid --detach-sign -o "
                + work.resolve("other.sig") + " " + data);
        CliRun other = recovery("--signature-file", work.resolve("other.sig").toString());
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.err()).contains("the signature is not good: made by key").contains("not in the keyring");

        recovery("--challenge");
        CliRun malformed = recovery("--signature-file", file("junk.asc", "-----BEGIN PGP MESSAGE-----\nxx\n").toString());
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.err().strip()).startsWith("custody: the signature file is an armoured OpenPGP block that is not")
                .doesNotContain("\n");
        assertThat(pcr4()).isEqualTo(before);

        String last = recovery("--challenge", "--json").out().replaceAll("(?s).*\"challenge\": \"([^\"]+)\".*", "$1");
        Path detached = work.resolve("owner.sig");
        gpg("printf '%s\\n' '" + last + "' > " + work.resolve("last.txt") + " && gpg --batch --yes --pinentry-mode loopback"
                + " --passphrase '" + KEY_PASSPHRASE + "' -u 'OEM Key' --detach-sign -o " + detached + " " + work.resolve("last.txt"));
        CliRun detachedGood = recovery("--signature-file", detached.toString());
        assertThat(detachedGood.exitCode()).as(detachedGood.err()).isZero();
        assertThat(CliRun.of("lab", "power-on", lab.toString(), "--json").out()).contains("\"failedRecoveryAttempts\": 2");
    }

    @Test
    void restrictedModeWinsAndBadAnswersAreRefusedBeforeAnyChange() throws Exception {
        work = testLab.work();
        lab = testLab.create();
        Path answers = file("answers.json", "{\"recoveryAuth\": \"passphrase\"}");
        CliRun missing = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers", answers.toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("recoveryPassphrase: missing, and recoveryAuth is passphrase");
        CliRun unknown = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers",
                file("answers.json", "{\"recoveryAuth\": \"totp\"}").toString());
        assertThat(unknown.err()).contains("recoveryAuth: must be passphrase, gpg or none");
        CliRun empty = CliRun.of("own", "reset", "--machine", lab.toString(), "--answers",
                file("answers.json", "{\"recoveryAuth\": \"passphrase\", \"recoveryPassphrase\": \"\"}").toString());
        assertThat(empty.err()).contains("recoveryPassphrase: the recovery passphrase is empty");

        Path rom = lab.resolve("rom.bin");
        CliRun foreign = CliRun.of("rom", "config", rom.toString(), "--set", "CONFIG_CUSTODY_RECOVERY_AUTH=scrypt:1:2:3");
        assertThat(foreign.exitCode()).isZero();
        CliRun power = CliRun.of("lab", "power-on", lab.toString());
        assertThat(power.exitCode()).isNotNull();
        CliRun unknownMethod = recovery("--passphrase-file", file("p", "whatever words").toString());
        assertThat(unknownMethod.exitCode()).isNotZero();
        assertThat(unknownMethod.err().strip()).isEqualTo("custody: CONFIG_CUSTODY_RECOVERY_AUTH in config.user names an"
                + " unknown method 'scrypt' (known: none, gpg, pbkdf2-sha256:ITERATIONS:SALT:HASH)");

        CliRun.of("rom", "config", rom.toString(), "--set", "CONFIG_CUSTODY_RECOVERY_AUTH=none", "CONFIG_RESTRICTED_BOOT=y");
        byte[] before = pcr4();
        CliRun restricted = recovery();
        assertThat(restricted.exitCode()).isNotZero();
        assertThat(restricted.err()).contains("restricted boot (CONFIG_RESTRICTED_BOOT=y)");
        assertThat(pcr4()).isEqualTo(before);
    }

    /** The same counter on a TPM 1.2, where counters are the TPM's own (TPM_CreateCounter), labelled by the index. */
    @Test
    void onATpm12TheFailedAttemptsAreCountedAcrossAPowerOnToo() throws Exception {
        work = testLab.work();
        lab = testLab.directory();
        CliRun created = CliRun.of("lab", "create", lab.toString(), "--tpm-version", "1.2");
        assertThat(created.exitCode()).as(created.err()).isZero();
        CliRun.of("lab", "power-on", lab.toString());
        CliRun set = CliRun.of("recovery-auth", "set", "--machine", lab.toString(), "--passphrase-file",
                file("recovery", RECOVERY).toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        CliRun.of("lab", "power-on", lab.toString());
        CliRun wrong = recovery("--passphrase-file", file("wrong", "not the words").toString());
        assertThat(wrong.err()).contains("wrong recovery passphrase (1 failed recovery attempt since the last boot");
        CliRun poweredOn = CliRun.of("lab", "power-on", lab.toString(), "--json");
        assertThat(poweredOn.out()).contains("\"failedRecoveryAttempts\": 1");
        CliRun right = recovery("--passphrase-file", work.resolve("recovery").toString());
        assertThat(right.exitCode()).as(right.err()).isZero();
    }

    private void gpg(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", gnupg.toString());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(script + "\n" + out).isZero();
    }
}
