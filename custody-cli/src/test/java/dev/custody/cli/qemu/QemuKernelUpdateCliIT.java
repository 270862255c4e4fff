package dev.custody.cli.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's acceptance for a kernel update on OVMF under QEMU: after 'lab install-kernel' with a
 * kernel whose Authenticode digest differs (the machine's kernel with bytes appended, which the
 * EFI stub ignores), the next boot shows the code of the same TOTP secret and the TPM opens the
 * disk. Three boots in all (creation, the boot before the update, the boot after it).
 */
class QemuKernelUpdateCliIT {
    @TempDir
    static Path work;

    /** The host's swtpm that sealing and the reseal start runs until a power-on; a failed test may leave it. */
    @AfterEach
    void stopTheHostTpm() {
        CliRun.of("lab", "stop", work.resolve("kernel-update").toString());
    }

    @Test
    void aPredictedKernelUpdateKeepsTheCodeAndTheDiskKey() throws Exception {
        Path machine = QemuFixture.create(work, "kernel-update", "ovmf", QemuFixture.initramfs());
        String secret = QemuFixture.sealTotp(work, machine);
        Path passphrase = QemuFixture.sealDiskKey(work, machine);
        QemuFixture.PowerOn before = QemuFixture.powerOn(machine, passphrase);
        System.out.println("QemuKernelUpdateCliIT: the boot before the update took " + before.json().at("/seconds") + " s");
        assertThat(before.exitCode()).as(before.json().toString()).isZero();
        assertThat(QemuFixture.oathtoolCodes(secret, before.started())).contains(before.json().at("/totp/code").asText());

        Path update = work.resolve("vmlinuz-update");
        Files.copy(machine.resolve("vmlinuz"), update);
        Files.write(update, "a kernel update: these bytes change its Authenticode digest\n".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.APPEND);
        CliRun installed = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", update.toString(),
                "--disk-passphrase-file", passphrase.toString(), "--json");
        assertThat(installed.exitCode()).as(installed.out() + installed.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(installed.out());
        assertThat(json.at("/prediction/outcome").asText()).isEqualTo("predicted");
        assertThat(json.at("/totp/outcome").asText()).isEqualTo("resealed");
        assertThat(json.at("/diskKey/outcome").asText()).isEqualTo("resealed");
        assertThat(Files.mismatch(update, machine.resolve("vmlinuz"))).isEqualTo(-1);

        QemuFixture.PowerOn after = QemuFixture.powerOn(machine, passphrase);
        System.out.println("QemuKernelUpdateCliIT: the boot after the update took " + after.json().at("/seconds") + " s");
        assertThat(after.exitCode()).as(after.json().toString()).isZero();
        assertThat(QemuFixture.oathtoolCodes(secret, after.started())).contains(after.json().at("/totp/code").asText());
        assertThat(after.json().at("/disk/opened").asBoolean()).isTrue();
        assertThat(after.json().at("/disk/by").asText()).isEqualTo("tpm");
    }
}
