package dev.custody.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.tpm.testing.Swtpm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BootCliTest {
    @RegisterExtension
    static final Swtpm swtpm = Swtpm.perTestClass();

    @TempDir
    static Path keys;

    @TempDir
    Path boot;

    static Path passphrase;

    @BeforeAll
    static void generateKey() throws IOException {
        passphrase = keys.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery\n");
        CliRun made = CliRun.of("key", "generate", "--uid", "Owner <owner@example.org>", "--out", keys.resolve("key.asc").toString(),
                "--public", keys.resolve("pub.asc").toString(), "--algorithm", "ED25519", "--passphrase-file", passphrase.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("Made key ");
    }

    @BeforeEach
    void debianBoot() throws IOException {
        Files.createDirectories(boot.resolve("grub"));
        Files.writeString(boot.resolve("grub/grub.cfg"), """
                menuentry 'Debian GNU/Linux' --class debian {
                	linux	/vmlinuz-6.1 root=/dev/sda2 ro quiet
                	initrd	/initrd.img-6.1
                }
                """);
        Files.writeString(boot.resolve("vmlinuz-6.1"), "kernel");
        Files.writeString(boot.resolve("initrd.img-6.1"), "initrd");
    }

    private CliRun sign(String... extra) {
        String[] base = {"boot", "sign", "--boot", boot.toString(), "--key", keys.resolve("key.asc").toString(),
            "--passphrase-file", passphrase.toString(), "--default", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private CliRun verify(String... extra) {
        String[] base = {"boot", "verify", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void theSecretKeyIsPrivateAndThePublicKeyIsNot() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("key.asc")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("pub.asc")))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(keys.resolve("key.asc"))).contains("PRIVATE KEY BLOCK").doesNotContain("correct horse");
    }

    @Test
    void entriesPrintHeadsMenuLinesAndJson() {
        CliRun lines = CliRun.of("boot", "entries", "--boot", boot.toString());
        assertThat(lines.exitCode()).isZero();
        assertThat(lines.out()).isEqualTo("Debian GNU/Linux|elf|kernel /vmlinuz-6.1|initrd /initrd.img-6.1|append root=/dev/sda2 ro quiet\n");
        CliRun json = CliRun.of("boot", "entries", "--boot", boot.toString(), "--json");
        assertThat(json.out()).contains("\"index\": 1", "\"kexectype\": \"elf\"", "\"initrds\": [\n      \"/initrd.img-6.1\"");
    }

    @Test
    void signThenVerifyWithTheRollbackCounterOfTheTpm() {
        CliRun signed = sign("--tpm", swtpm.spec());
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("Rollback counter: ", "Default entry: Debian GNU/Linux");
        CliRun verified = verify("--tpm", swtpm.spec());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains(": verified", "matches the TPM", "by Owner <owner@example.org>");
    }

    @Test
    void aTamperedKernelFailsVerificationNamingItInTextAndJson() throws IOException {
        assertThat(sign().exitCode()).isZero();
        Files.writeString(boot.resolve("vmlinuz-6.1"), "evil kernel");
        CliRun text = verify();
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("NOT VERIFIED", "vmlinuz-6.1: changed since signing").doesNotContain(": verified");
        CliRun json = verify("--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).contains("\"verified\": false", "\"file\": \"vmlinuz-6.1\"", "\"problem\": \"changed\"");
    }

    @Test
    void configUserCanRequireTheRollbackRecord() throws IOException {
        assertThat(sign().exitCode()).isZero();
        Path config = keys.resolve("require-rollback.user");
        Files.writeString(config, "CONFIG_BOOT_REQ_ROLLBACK=y\n");
        assertThat(verify().exitCode()).isZero();
        CliRun required = verify("--config", config.toString());
        assertThat(required.exitCode()).isEqualTo(1);
        assertThat(required.out()).contains("kexec_rollback.txt: missing: rollback protection is required");
    }

    @Test
    void changesListWhatAnUpdateDidWithItsClass() throws IOException {
        assertThat(sign().exitCode()).isZero();
        Files.writeString(boot.resolve("vmlinuz-6.2"), "new kernel");
        Files.writeString(boot.resolve("initrd.img-6.1"), "rebuilt");
        CliRun changes = CliRun.of("boot", "changes", "--boot", boot.toString());
        assertThat(changes.out()).contains("changed  initrd       initrd.img-6.1", "added    kernel       vmlinuz-6.2");
        CliRun json = CliRun.of("boot", "changes", "--boot", boot.toString(), "--json");
        assertThat(json.out()).contains("\"change\": \"added\"", "\"class\": \"kernel\"");
    }

    @Test
    void badInputGivesOneClearLineAndNoStackTrace() throws IOException {
        Path wrong = keys.resolve("wrong");
        Files.writeString(wrong, "not it");
        CliRun signed = CliRun.of("boot", "sign", "--boot", boot.toString(), "--key", keys.resolve("key.asc").toString(),
                "--passphrase-file", wrong.toString());
        assertThat(signed.exitCode()).isEqualTo(1);
        assertThat(signed.err()).isEqualTo("custody: wrong passphrase for " + keys.resolve("key.asc") + "\n");
        assertThat(Files.exists(boot.resolve("kexec.sig"))).isFalse();

        Path garbage = keys.resolve("garbage.kbx");
        Files.write(garbage, new byte[] {0, 0, 0, 32, 1, 1, 0, 0, 'K', 'B', 'X', 'f', 9, 9});
        CliRun verified = verify();
        assertThat(verified.exitCode()).isEqualTo(1);
        CliRun corrupt = CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", garbage.toString());
        assertThat(corrupt.exitCode()).isEqualTo(1);
        assertThat(corrupt.err()).startsWith("custody: keyring ").doesNotContain("Exception");
    }

    @Test
    void planIsRefusedForAModifiedBootUnlessForcedWhichExtendsPcr4() throws IOException {
        assertThat(sign().exitCode()).isZero();
        CliRun verified = CliRun.of("boot", "plan", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).startsWith("# /boot verified. Entry: Debian GNU/Linux\n")
                .contains("kexec -l " + boot.resolve("vmlinuz-6.1") + " --initrd=" + boot.resolve("initrd.img-6.1")
                        + " '--append=root=/dev/sda2 ro quiet'\nkexec -e");

        Files.writeString(boot.resolve("vmlinuz-6.1"), "evil kernel");
        CliRun refused = CliRun.of("boot", "plan", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("vmlinuz-6.1: changed since signing", "refusing to plan");

        Path restricted = keys.resolve("restricted.user");
        Files.writeString(restricted, "CONFIG_RESTRICTED_BOOT=y\n");
        CliRun forbidden = CliRun.of("boot", "plan", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString(),
                "--force", "--config", restricted.toString(), "--tpm", swtpm.spec());
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.err()).contains("restricted boot");

        CliRun before = CliRun.of("tpm", "pcrs", "--tpm", swtpm.spec(), "--pcrs", "4");
        CliRun forced = CliRun.of("boot", "plan", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString(),
                "--force", "--tpm", swtpm.spec(), "--json");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("\"unsafe\": true", "\"verified\": false",
                "\"kernelCommandLine\": \"root=/dev/sda2 ro vt.default_red=0xff,");
        CliRun after = CliRun.of("tpm", "pcrs", "--tpm", swtpm.spec(), "--pcrs", "4");
        assertThat(after.out()).isNotEqualTo(before.out());
    }

    @Test
    void rootHashesAreSignedWithBootAndChecked() throws IOException {
        Path root = keys.resolve("root-" + System.nanoTime());
        for (String dir : new String[] {"bin", "boot", "lib", "sbin", "usr"}) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("usr/sudo"), "sudo");
        assertThat(CliRun.of("boot", "root-hashes", "--boot", boot.toString(), "--root", root.toString()).exitCode()).isZero();
        assertThat(sign().exitCode()).isZero();
        String[] check = {"boot", "root-hashes", "--boot", boot.toString(), "--root", root.toString(), "--check",
            "--keyring", keys.resolve("pub.asc").toString()};
        CliRun good = CliRun.of(check);
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).startsWith("Root filesystem verified");
        Files.writeString(root.resolve("usr/sudo"), "backdoor");
        CliRun bad = CliRun.of(check);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("usr/sudo: changed");
    }
}
