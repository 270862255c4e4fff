package dev.custody.machine;

import dev.custody.machine.qemu.QemuDescriptor;
import dev.custody.machine.qemu.QemuFirmware;
import dev.custody.machine.qemu.QemuTpm;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A lab machine that really boots, under QEMU: real firmware (OVMF or SeaBIOS) measures a real
 * Debian kernel into an swtpm, and the guest's initramfs runs Custody. Its folder holds the
 * firmware code and vars, the kernel, the guest initramfs, a LUKS2 disk image, the swtpm state,
 * the console of the last power-on and the measurement log the guest exported.
 *
 * <p>While the guest is off, its TPM runs on the host with the PCR values of the next boot,
 * replayed from the last exported log, so that sealing on the host seals for that boot.
 */
public record QemuMachine(Path directory) implements Machine {
    public QemuMachine {
        directory = directory.toAbsolutePath().normalize();
    }

    /** An existing QEMU machine; refuses folders that are not one. */
    public static QemuMachine existing(Path directory) {
        QemuMachine machine = new QemuMachine(directory);
        if (!isOne(directory)) {
            throw new IllegalArgumentException(machine.directory() + " is not a QEMU lab machine (no "
                    + QemuDescriptor.FILE + "); create one with 'custody lab create DIR --firmware ovmf'");
        }
        return machine;
    }

    /** Whether {@code directory} holds a QEMU machine (its descriptor), rather than a simulated lab machine. */
    public static boolean isOne(Path directory) {
        return Files.isRegularFile(directory.resolve(QemuDescriptor.FILE));
    }

    public QemuDescriptor descriptor() {
        return QemuDescriptor.read(directory.resolve(QemuDescriptor.FILE));
    }

    public QemuFirmware firmware() {
        return descriptor().firmware();
    }

    public Path tpmState() {
        return directory.resolve("tpm");
    }

    public Path firmwareCode() {
        return directory.resolve("firmware-code.fd");
    }

    /** The machine's own copy of the UEFI variables; SeaBIOS has none. */
    public Path firmwareVars() {
        return directory.resolve("firmware-vars.fd");
    }

    public Path kernel() {
        return directory.resolve("vmlinuz");
    }

    public Path initrd() {
        return directory.resolve("initrd.img");
    }

    public Path disk() {
        return directory.resolve("disk.img");
    }

    public Path recoveryPassphrase() {
        return directory.resolve("disk-recovery-passphrase");
    }

    public Path console() {
        return directory.resolve("console.log");
    }

    public Path eventLog() {
        return directory.resolve("eventlog.bin");
    }

    /** Replays the last exported log into the TPM on the host, first time only, so seals are for the next boot. */
    @Override
    public TpmSpec tpm() {
        return QemuTpm.onHost(this);
    }

    @Override
    public SealRecords sealRecords() {
        return new SealRecords(stateDirectory().resolve("seal-records"));
    }

    /** Only the disk key's records (key devices, LUKS header hashes), which the guest gets at power-on. */
    @Override
    public Path bootDirectory() {
        return directory.resolve("boot");
    }

    @Override
    public String label() {
        return "custody-qemu";
    }

    /** See {@link QemuFirmware#otpPcrs()}: the disk key's PCRs but 3 and 5, so that every tamper kind stops the code too. */
    @Override
    public List<Integer> defaultOtpPcrs() {
        return firmware().otpPcrs();
    }

    @Override
    public Path stateDirectory() {
        return directory.resolve("state");
    }

    /** The log the guest exported at its last power-on. */
    @Override
    public Optional<byte[]> measurementLog() {
        try {
            return Files.exists(eventLog()) ? Optional.of(Files.readAllBytes(eventLog())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + eventLog(), e);
        }
    }

    @Override
    public String nothingMeasuredReason() {
        return "the QEMU machine has not exported a measurement log yet, so the values of its next boot are unknown:"
                + " run 'custody lab power-on " + directory + "' once";
    }

    @Override
    public Optional<Path> firmwareKeyring() {
        return Optional.empty();
    }

    @Override
    public Optional<Path> firmwareImageFile() {
        return Optional.empty();
    }

    @Override
    public String withoutFirmwareImage(String what) {
        return what + " need a coreboot image; " + directory() + " is a QEMU machine with " + firmware().label() + " firmware";
    }

    @Override
    public Optional<Path> recoveryPassphraseFile() {
        return Optional.of(recoveryPassphrase());
    }

    @Override
    public List<dev.custody.boot.disk.KeyDevice> diskDevices() {
        return DiskUnlock.devices(this, List.of());
    }

    /** Booting takes QEMU and minutes: 'custody lab power-on DIR' does it, not a side effect of another command. */
    @Override
    public boolean powerOn() {
        return false;
    }

    @Override
    public String commandLineSelector() {
        return " --machine " + directory;
    }
}
