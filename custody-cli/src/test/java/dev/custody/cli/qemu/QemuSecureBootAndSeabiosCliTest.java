package dev.custody.cli.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Secure Boot turned off on an ovmf-secureboot machine (PCR 7), and the basic flow on SeaBIOS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QemuSecureBootAndSeabiosCliTest {
    @TempDir
    static Path work;

    private Path initrd;

    @BeforeAll
    void initramfs() throws Exception {
        initrd = QemuFixture.initramfs(work);
    }

    @Test
    void secureBootOffGetsNoCodeNamingPcr7() throws Exception {
        Path machine = QemuFixture.create(work, "secureboot", "ovmf-secureboot", initrd);
        QemuFixture.sealTotp(work, machine);
        Path passphrase = QemuFixture.sealDiskKey(work, machine);
        assertThat(CliRun.of("lab", "tamper", machine.toString(), "--what", "secureboot").exitCode()).isZero();
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.json().at("/totp/code").isNull()).as(on.json().toString()).isTrue();
        assertThat(on.json().at("/totp/reason").asText()).contains("PCR 7");
        assertThat(on.json().at("/disk/opened").asBoolean()).isFalse();
        assertThat(on.json().at("/disk/reason").asText()).contains("PCR 7");
    }

    @Test
    void seabiosShowsOathtoolsCodeAndTheTpmOpensTheDisk() throws Exception {
        Path machine = QemuFixture.create(work, "seabios", "seabios", initrd);
        String secret = QemuFixture.sealTotp(work, machine);
        Path passphrase = QemuFixture.sealDiskKey(work, machine);
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.exitCode()).as(on.json().toString()).isZero();
        assertThat(QemuFixture.oathtoolCodes(secret, on.started())).contains(on.json().at("/totp/code").asText());
        assertThat(on.json().at("/disk/by").asText()).isEqualTo("tpm");
    }
}
