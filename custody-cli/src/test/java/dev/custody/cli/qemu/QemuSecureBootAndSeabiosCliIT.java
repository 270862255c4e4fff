package dev.custody.cli.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.lab.LabPowerOnCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure Boot turned off on an ovmf-secureboot machine (PCR 7), and the basic flow on SeaBIOS, whose
 * machine then gets its LUKS header changed (PCR 6, which the boot step measures before the TOTP
 * and the disk key, both sealed to it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QemuSecureBootAndSeabiosCliIT {
    @TempDir
    static Path work;

    private Path initrd;

    @BeforeAll
    void initramfs() throws Exception {
        initrd = QemuFixture.initramfs();
    }

    @Test
    void secureBootOffGetsNoCodeNamingPcr7() throws Exception {
        Path machine = QemuFixture.create(work, "secureboot", "ovmf-secureboot", initrd);
        QemuFixture.sealTotp(work, machine);
        Path passphrase = QemuFixture.sealDiskKey(work, machine);
        assertThat(CliRun.of("lab", "tamper", machine.toString(), "--what", "secureboot").exitCode()).isZero();
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.json().at("/totp/code").isNull()).as(on.json().toString()).isTrue();
        assertThat(on.json().at("/totp/reason").asText()).containsPattern("PCR 7: [^;]*SecureBoot");
        assertThat(on.json().at("/disk/opened").asBoolean()).isFalse();
        assertThat(on.json().at("/disk/reason").asText()).containsPattern("PCR 7: [^;]*SecureBoot");
    }

    @Test
    void seabiosShowsOathtoolsCodeAndTheTpmOpensTheDiskUntilItsLuksHeaderChanges() throws Exception {
        Path machine = QemuFixture.create(work, "seabios", "seabios", initrd);
        String secret = QemuFixture.sealTotp(work, machine);
        Path passphrase = QemuFixture.sealDiskKey(work, machine);
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.exitCode()).as(on.json().toString()).isZero();
        assertThat(QemuFixture.oathtoolCodes(secret, on.started())).contains(on.json().at("/totp/code").asText());
        assertThat(on.json().at("/disk/by").asText()).isEqualTo("tpm");

        assertThat(CliRun.of("lab", "tamper", machine.toString(), "--what", "luks-header").exitCode()).isZero();
        QemuFixture.PowerOn tampered = QemuFixture.powerOn(machine, passphrase);
        assertThat(tampered.exitCode()).as(tampered.json().toString()).isEqualTo(LabPowerOnCommand.TOTP_REFUSED);
        assertThat(tampered.json().at("/totp/code").isNull()).isTrue();
        assertThat(tampered.json().at("/totp/reason").asText()).contains("PCR 6 (the LUKS header measurement): the LUKS"
                + " header of /dev/vda changed");
        assertThat(tampered.json().at("/disk/opened").asBoolean()).isFalse();
        assertThat(tampered.json().at("/disk/reason").asText()).contains("PCR 6 (the LUKS header measurement)")
                .contains("changed since the disk key was sealed");
    }
}
