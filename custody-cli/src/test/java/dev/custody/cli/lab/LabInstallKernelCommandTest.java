package dev.custody.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CliRun;
import dev.custody.cli.boot.KernelUpdateView;
import dev.custody.machine.qemu.QemuDescriptor;
import dev.custody.machine.qemu.QemuFirmware;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'lab install-kernel' where no boot is needed: the refusals, which leave the machine's kernel
 * alone, and the fall-backs, which install it and say why nothing was resealed. The reseal itself
 * is proven by booting, in QemuKernelUpdateCliIT.
 */
class LabInstallKernelCommandTest {
    private static final Path DEBIAN_KERNEL = Path.of("/boot/vmlinuz-6.1.0-57-amd64");

    @TempDir
    Path work;

    private byte[] kernel;
    private byte[] updated;
    private Path update;

    @BeforeEach
    void kernels() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(DEBIAN_KERNEL), DEBIAN_KERNEL + " is not installed (apt-get install linux-image-amd64)");
        kernel = Files.readAllBytes(DEBIAN_KERNEL);
        updated = Arrays.copyOf(kernel, kernel.length + 512);
        update = Files.write(work.resolve("vmlinuz-update"), updated);
    }

    /** A QEMU machine's folder as 'lab create' leaves it, short of the first boot's exported log. */
    private Path machine(QemuFirmware firmware) throws Exception {
        Path machine = Files.createDirectories(work.resolve(firmware.label()));
        Files.write(machine.resolve("vmlinuz"), kernel);
        Files.write(machine.resolve("initrd.img"), new byte[1000]);
        new QemuDescriptor(firmware, "2.0", false).write(machine.resolve(QemuDescriptor.FILE));
        return machine;
    }

    @Test
    void withoutAnExportedLogItSaysNothingCanBePredictedAndStillInstalls() throws Exception {
        Path machine = machine(QemuFirmware.OVMF);
        CliRun run = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", update.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(KernelUpdateView.RESEAL_AFTER_REBOOT);
        assertThat(run.out()).contains("Cannot predict the next boot: there is no measurement log")
                .contains("Reseal after the next 'custody lab power-on " + machine + "': custody totp seal --machine")
                .contains("Installed " + update + " (Linux 6.1.0-57-amd64)");
        assertThat(Files.readAllBytes(machine.resolve("vmlinuz"))).isEqualTo(updated);
    }

    @Test
    void theJsonSaysSoToo() throws Exception {
        Path machine = machine(QemuFirmware.OVMF);
        CliRun run = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", update.toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/prediction/outcome").asText()).isEqualTo("impossible");
        assertThat(json.at("/resealAfterReboot").asBoolean()).isTrue();
        assertThat(json.at("/installed").asText()).isEqualTo(machine.resolve("vmlinuz").toString());
        assertThat(json.at("/release").asText()).isEqualTo("6.1.0-57-amd64");
    }

    @Test
    void seabiosMeasuresNoKernelSoNothingIsResealed() throws Exception {
        Path machine = machine(QemuFirmware.SEABIOS);
        CliRun run = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", update.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Nothing to reseal: SeaBIOS does not measure the kernel");
        assertThat(Files.readAllBytes(machine.resolve("vmlinuz"))).isEqualTo(updated);
    }

    @Test
    void aKernelOfAnotherReleaseIsRefusedAndNothingChanges() throws Exception {
        Path machine = machine(QemuFirmware.OVMF);
        // The setup header's kernel_version field points (from offset 0x200) at "6.1.0-57-amd64 (...)".
        int release = (updated[0x20e] & 0xff | (updated[0x20f] & 0xff) << 8) + 0x200;
        assertThat(new String(updated, release, 14, StandardCharsets.US_ASCII)).isEqualTo("6.1.0-57-amd64");
        updated[release + 7] = '9';
        Files.write(update, updated);
        CliRun run = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", update.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").contains("is Linux 6.1.0-59-amd64")
                .contains("holds the modules of 6.1.0-57-amd64");
        assertThat(Files.readAllBytes(machine.resolve("vmlinuz"))).isEqualTo(kernel);
    }

    @Test
    void aFileThatIsNoKernelIsRefused() throws Exception {
        Path machine = machine(QemuFirmware.OVMF);
        Path text = Files.writeString(work.resolve("notes.txt"), "not a kernel\n".repeat(100));
        CliRun run = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", text.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").contains(text + " is not a Linux kernel with an EFI stub");
        assertThat(Files.readAllBytes(machine.resolve("vmlinuz"))).isEqualTo(kernel);
    }

    @Test
    void aMissingKernelFileOrMachineIsOneLine() throws Exception {
        Path machine = machine(QemuFirmware.OVMF);
        CliRun missing = CliRun.of("lab", "install-kernel", machine.toString(), "--kernel", work.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("custody: no such file: " + work.resolve("nope"));
        CliRun notQemu = CliRun.of("lab", "install-kernel", work.toString(), "--kernel", update.toString());
        assertThat(notQemu.exitCode()).isEqualTo(1);
        assertThat(notQemu.err()).contains("is not a QEMU lab machine");
        assertThat(CliRun.of("lab", "install-kernel", machine.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void helpNamesTheFallBack() {
        CliRun help = CliRun.of("lab", "install-kernel", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--kernel=FILE").contains("--disk-passphrase-file").contains("exit code is 3");
    }
}
