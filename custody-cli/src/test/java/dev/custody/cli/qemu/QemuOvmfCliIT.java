package dev.custody.cli.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.lab.LabPowerOnCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's acceptance on OVMF under QEMU (TCG): one machine through a good boot, a boot entry put
 * first in BootOrder (PCR 1, then accepted by sealing the TOTP and the disk key again, which
 * changes the LUKS header the TOTP is sealed to as well), a kernel that was not resealed
 * (PCR 4), then another OVMF build (PCR 0). Each boot takes 30 s and more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QemuOvmfCliIT {
    @TempDir
    static Path work;

    private Path machine;
    private String secret;
    private Path passphrase;

    @BeforeAll
    void machine() throws Exception {
        machine = QemuFixture.create(work, "ovmf", "ovmf", QemuFixture.initramfs());
        secret = QemuFixture.sealTotp(work, machine);
        passphrase = QemuFixture.sealDiskKey(work, machine);
    }

    @Test
    @Order(1)
    void theGuestShowsOathtoolsCodeAndTheTpmOpensTheDisk() throws Exception {
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.exitCode()).as(on.json().toString()).isZero();
        assertThat(QemuFixture.oathtoolCodes(secret, on.started())).contains(on.json().at("/totp/code").asText());
        assertThat(on.json().at("/disk/opened").asBoolean()).isTrue();
        assertThat(on.json().at("/disk/by").asText()).isEqualTo("tpm");
        String console = Files.readString(machine.resolve("console.log"));
        assertThat(console.indexOf("CUSTODY-TOTP:")).isLessThan(console.indexOf("CUSTODY-DISK:"));
    }

    /** PCR 1 is in the TOTP's PCRs on a QEMU machine (not on a laptop, whose system writes boot variables). */
    @Test
    @Order(2)
    void aBootEntryPutFirstGetsNoCodeAndNoKeyNamingPcr1() throws Exception {
        assertThat(CliRun.of("lab", "tamper", machine.toString(), "--what", "bootorder").exitCode()).isZero();
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.exitCode()).as(on.json().toString()).isEqualTo(LabPowerOnCommand.TOTP_REFUSED);
        assertThat(on.json().at("/totp/code").isNull()).isTrue();
        assertThat(on.json().at("/totp/reason").asText()).containsPattern("PCR 1: [^;]*BootOrder");
        assertThat(on.json().at("/disk/opened").asBoolean()).isFalse();
        assertThat(on.json().at("/disk/reason").asText()).containsPattern("PCR 1: [^;]*BootOrder");
        // The owner accepts the new entry: sealed again for this boot, the next tests start from it.
        secret = QemuFixture.sealTotp(work, machine);
        passphrase = QemuFixture.sealDiskKey(work, machine);
    }

    @Test
    @Order(3)
    void aKernelThatWasNotResealedGetsNoCodeAndNoKey() throws Exception {
        assertThat(CliRun.of("lab", "tamper", machine.toString(), "--what", "kernel").exitCode()).isZero();
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.exitCode()).as(on.json().toString()).isEqualTo(LabPowerOnCommand.TOTP_REFUSED);
        assertThat(on.json().at("/totp/code").isNull()).isTrue();
        assertThat(on.json().at("/totp/reason").asText()).containsPattern("PCR 4: [^;]*kernel");
        assertThat(on.json().at("/disk/opened").asBoolean()).isFalse();
        assertThat(on.json().at("/disk/reason").asText()).containsPattern("PCR 4: [^;]*kernel");
    }

    @Test
    @Order(4)
    void anotherOvmfBuildChangesPcr0() throws Exception {
        assertThat(CliRun.of("lab", "tamper", machine.toString(), "--what", "firmware").exitCode()).isZero();
        QemuFixture.PowerOn on = QemuFixture.powerOn(machine, passphrase);
        assertThat(on.json().at("/totp/code").isNull()).as(on.json().toString()).isTrue();
        assertThat(on.json().at("/totp/reason").asText()).containsPattern("(?i)PCR 0: [^;]*firmware");
        assertThat(on.json().at("/disk/opened").asBoolean()).isFalse();
        assertThat(on.json().at("/disk/reason").asText()).contains("PCR 0");
    }
}
