package dev.custody.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance checks of Heads interoperability, with the exact commands Heads runs. */
class HeadsInteropCliTest {
    @TempDir
    Path work;

    Path boot;
    Path gnupg;

    @BeforeEach
    void qubesBoot() throws IOException {
        boot = work.resolve("boot");
        Files.createDirectories(boot.resolve("grub2"));
        Files.writeString(boot.resolve("grub2/grub.cfg"), """
                menuentry 'Qubes, with Xen hypervisor' --class qubes {
                	multiboot2	/xen.gz placeholder console=none dom0_mem=max:4096M
                	module2	/vmlinuz-6.6 placeholder root=/dev/mapper/qubes_dom0-root ro quiet
                	module2 --nounzip   /initramfs-6.6.img
                }
                """);
        for (String file : new String[] {"xen.gz", "vmlinuz-6.6", "initramfs-6.6.img", "grub2/grubenv"}) {
            Files.writeString(boot.resolve(file), "content of " + file);
        }
        gnupg = Files.createDirectory(work.resolve("gnupg"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopGpgAgent() {
        bash("gpgconf --homedir \"$GNUPGHOME\" --kill all");
    }

    private String bash(String script) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(boot.toFile()).redirectErrorStream(true);
            builder.environment().put("GNUPGHOME", gnupg.toString());
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(script + "\n" + out).isZero();
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bootSignedByCustodyPassesSha256sumAndGpgv() throws IOException {
        Path passphrase = work.resolve("passphrase");
        Files.writeString(passphrase, "owner passphrase\n");
        assertThat(CliRun.of("key", "generate", "--uid", "Owner", "--out", work.resolve("key.asc").toString(),
                "--public", work.resolve("pub.asc").toString(), "--passphrase-file", passphrase.toString()).exitCode()).isZero();
        CliRun signed = CliRun.of("boot", "sign", "--boot", boot.toString(), "--key", work.resolve("key.asc").toString(),
                "--passphrase-file", passphrase.toString(), "--default", "1");
        assertThat(signed.exitCode()).as(signed.err()).isZero();

        String out = bash("gpg --dearmor < ../pub.asc > ../pub.gpg"
                + " && sha256sum -c kexec_hashes.txt && sha256sum -c kexec_default_hashes.txt"
                + " && sha256sum kexec*.txt | gpgv --keyring " + work.resolve("pub.gpg") + " kexec.sig -"
                + " && find ./ ! -path './kexec*' -print0 | sort -z | cmp - kexec_tree.txt && echo tree-identical");
        assertThat(out).contains("./xen.gz: OK", "./vmlinuz-6.6: OK", "./initramfs-6.6.img: OK", "./grub2/grub.cfg: OK",
                "Good signature from \"Owner\"", "tree-identical");
    }

    @Test
    void bootSignedTheHeadsWayVerifiesWithCustodyBootVerify() {
        bash("""
                gpg --batch --passphrase '' --quick-gen-key 'Heads Owner' rsa3072 sign never 2>/dev/null
                find ./ -type f ! -path './kexec*' -print0 | xargs -0 sha256sum > kexec_hashes.txt
                find ./ ! -path './kexec*' -print0 | sort -z > kexec_tree.txt
                echo 'Qubes, with Xen hypervisor|xen|kernel /xen.gz placeholder console=none dom0_mem=max:4096M|module /vmlinuz-6.6 placeholder root=/dev/mapper/qubes_dom0-root ro quiet|module /initramfs-6.6.img' > kexec_default.1.txt
                sha256sum ./xen.gz ./vmlinuz-6.6 ./initramfs-6.6.img > kexec_default_hashes.txt
                sha256sum kexec*.txt | gpg --batch --digest-algo SHA256 --detach-sign -a > kexec.sig
                """);
        CliRun verified = CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", gnupg.resolve("pubring.kbx").toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains(": verified", "by Heads Owner", "default entry: Qubes, with Xen hypervisor, unchanged");

        bash("echo 'dom0 kernel patched' >> vmlinuz-6.6");
        CliRun tampered = CliRun.of("boot", "verify", "--boot", boot.toString(), "--keyring", gnupg.resolve("pubring.kbx").toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.out()).contains("vmlinuz-6.6: changed since signing");
    }
}
