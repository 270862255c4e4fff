package dev.custody.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's attack on /boot through the commands: each way in gives exit 1 and names the file,
 * and nothing hangs (a separate thread, so that a blocking open fails the test instead of hanging it).
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileBootCliTest {
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
    }

    @BeforeEach
    void signedDebianBoot() throws IOException {
        Files.createDirectories(boot.resolve("grub"));
        Files.writeString(boot.resolve("grub/grub.cfg"), """
                menuentry 'Debian GNU/Linux' --class debian {
                	linux	/vmlinuz-6.1 root=/dev/sda2 ro quiet
                	initrd	/initrd.img-6.1
                }
                """);
        Files.writeString(boot.resolve("vmlinuz-6.1"), "kernel");
        Files.writeString(boot.resolve("initrd.img-6.1"), "initrd");
        CliRun signed = sign();
        assertThat(signed.exitCode()).as(signed.err()).isZero();
    }

    private CliRun sign() {
        return CliRun.of("boot", "sign", "--boot", boot.toString(), "--key", keys.resolve("key.asc").toString(),
                "--passphrase-file", passphrase.toString(), "--default", "1");
    }

    private CliRun verify() {
        return CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString());
    }

    private CliRun plan(String... choice) {
        String[] base = {"boot", "plan", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString()};
        String[] args = new String[base.length + choice.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(choice, 0, args, base.length, choice.length);
        return CliRun.of(args);
    }

    @Test
    void theReproducerIsRefusedByVerifyPlanAndEntries() throws IOException {
        Files.copy(boot.resolve("vmlinuz-6.1"), boot.resolve("kexec-vmlinuz"));
        Files.writeString(boot.resolve("kexec-vmlinuz"), "x\n", StandardOpenOption.APPEND);
        Files.createDirectories(boot.resolve("kexec_x"));
        Files.writeString(boot.resolve("kexec_x/grub.cfg"),
                "menuentry 'Debian (recovery)' {\n linux /kexec-vmlinuz root=/dev/sda2 init=/bin/evil\n initrd /initrd.img-6.1\n}\n");

        CliRun verified = verify();
        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("NOT VERIFIED", "kexec-vmlinuz: is a regular file with a kexec* name",
                "kexec_x: is a folder with a kexec* name", "kexec_x/grub.cfg: is in kexec_x");

        CliRun planned = plan("--entry", "2");
        assertThat(planned.exitCode()).isEqualTo(1);
        assertThat(planned.out()).doesNotContain("evil");
        assertThat(planned.err()).contains("kexec_x", "refusing to plan");

        CliRun entries = CliRun.of("boot", "entries", "--boot", boot.toString());
        assertThat(entries.exitCode()).isEqualTo(1);
        assertThat(entries.out()).doesNotContain("evil").contains("Debian GNU/Linux|elf|kernel /vmlinuz-6.1");
        assertThat(entries.err()).contains("kexec_x/grub.cfg: is in kexec_x, a kexec* folder");

        CliRun signed = sign();
        assertThat(signed.exitCode()).isEqualTo(1);
        assertThat(signed.err()).startsWith("custody: cannot sign /boot").contains("kexec_x");
    }

    @Test
    void aVerifiedPlanOffersOnlySignedEntriesAndNothingIsPlannedWithoutAKeyring() {
        CliRun planned = plan("--entry", "1");
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        assertThat(planned.out()).startsWith("# /boot verified. Entry: Debian GNU/Linux");
        CliRun second = plan("--entry", "2");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).contains("there is no signed boot entry 2 (there are 1)");
        CliRun unverified = CliRun.of("boot", "plan", "--boot", boot.toString(), "--entry", "1");
        assertThat(unverified.exitCode()).isEqualTo(1);
        assertThat(unverified.err()).contains("no --keyring given");
    }

    @Test
    void aKernelReplacedByAFifoIsNamedWithoutHanging() throws IOException, InterruptedException {
        Files.delete(boot.resolve("vmlinuz-6.1"));
        Process mkfifo = new ProcessBuilder("mkfifo", boot.resolve("vmlinuz-6.1").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        CliRun verified = verify();
        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("vmlinuz-6.1: is a FIFO (named pipe) where a regular file was signed");
        CliRun json = CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString(), "--json");
        assertThat(json.out()).contains("\"problem\": \"not-regular\"");
    }

    @Test
    void anInitrdReplacedByALinkToDevZeroOrToTheSameContentOutsideIsNamed() throws IOException {
        Files.delete(boot.resolve("initrd.img-6.1"));
        Files.createSymbolicLink(boot.resolve("initrd.img-6.1"), Path.of("/dev/zero"));
        Path copy = keys.resolve("vmlinuz-copy-" + System.nanoTime());
        Files.copy(boot.resolve("vmlinuz-6.1"), copy);
        Files.delete(boot.resolve("vmlinuz-6.1"));
        Files.createSymbolicLink(boot.resolve("vmlinuz-6.1"), copy);
        CliRun verified = verify();
        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("initrd.img-6.1: is a symbolic link where a regular file was signed",
                "vmlinuz-6.1: is a symbolic link where a regular file was signed");
    }

    @Test
    void aStaleStagingFolderIsReportedThenRemovedByTheNextSign() throws IOException {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        String stale = "kexec-staging." + pid + ".42";
        Files.createDirectories(boot.resolve(stale));
        Files.write(boot.resolve(stale).resolve("kexec_tree.txt"), "half".getBytes(StandardCharsets.UTF_8));
        CliRun verified = CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", keys.resolve("pub.asc").toString(), "--json");
        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("\"file\": \"" + stale + "\"", "\"problem\": \"stale-staging\"");
        CliRun signed = sign();
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("Removed " + stale + ", left by an interrupted boot sign.");
        assertThat(verify().exitCode()).isZero();
    }
}
