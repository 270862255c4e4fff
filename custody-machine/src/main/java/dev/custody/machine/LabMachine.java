package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A virtual machine in one folder: a software TPM (tpm/), a coreboot-style ROM (rom.bin), a
 * /boot tree (boot/), a LUKS2 disk image (disk.img) and the measurement log of its last power-on.
 */
public record LabMachine(Path directory) implements Machine {
    public LabMachine {
        directory = directory.toAbsolutePath().normalize();
    }

    /** An existing lab machine; refuses folders that are not one, rather than start a TPM there. */
    public static LabMachine existing(Path directory) {
        LabMachine lab = new LabMachine(directory);
        if (!Files.isRegularFile(lab.rom())) {
            throw new IllegalArgumentException(lab.directory() + " is not a lab machine (no rom.bin); "
                    + "create one with 'custody lab create DIR'");
        }
        return lab;
    }

    @Override
    public TpmSpec tpm() {
        return new TpmSpec.Virtual(directory.resolve("tpm"));
    }

    @Override
    public SealRecords sealRecords() {
        return new SealRecords(stateDirectory().resolve("seal-records"));
    }

    @Override
    public Path bootDirectory() {
        return directory.resolve("boot");
    }

    /** "1.2" for a machine made with {@code --tpm-version 1.2}, else "2.0". */
    public String tpmFamily() {
        return dev.custody.tpm.VirtualTpm.family(directory.resolve("tpm"));
    }

    public Path rom() {
        return directory.resolve("rom.bin");
    }

    public Path eventLog() {
        return directory.resolve("eventlog.bin");
    }

    public Path disk() {
        return directory.resolve("disk.img");
    }

    /** The disk's recovery passphrase, in a file readable by its owner only; lab machines only. */
    public Path recoveryPassphrase() {
        return directory.resolve("disk-recovery-passphrase");
    }

    @Override
    public Path stateDirectory() {
        return directory.resolve("state");
    }

    /** Written at each power-on. */
    @Override
    public Optional<byte[]> measurementLog() {
        try {
            return Files.exists(eventLog()) ? Optional.of(Files.readAllBytes(eventLog())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + eventLog(), e);
        }
    }

    @Override
    public Optional<Path> firmwareKeyring() {
        return dev.custody.machine.lab.LabKeys.exportKeyring(this, stateDirectory().resolve("firmware-keyring.kbx"));
    }

    @Override
    public Optional<Path> firmwareImageFile() {
        return Optional.of(rom());
    }

    @Override
    public String withoutFirmwareImage(String what) {
        return what + " need the lab's firmware image " + rom();
    }

    @Override
    public Optional<Path> recoveryPassphraseFile() {
        return Optional.of(recoveryPassphrase());
    }

    @Override
    public List<dev.custody.boot.disk.KeyDevice> diskDevices() {
        return DiskUnlock.devices(this, List.of());
    }

    @Override
    public boolean powerOn() {
        dev.custody.machine.lab.LabPower.powerOn(this);
        return true;
    }

    @Override
    public String commandLineSelector() {
        return " --machine " + directory;
    }

    @Override
    public String nothingMeasuredReason() {
        return "the lab machine is not powered on (its TPM holds no measurements yet): run 'custody lab power-on "
                + directory + "' first";
    }

    @Override
    public String label() {
        return "custody-lab";
    }

    /** Lab machines are coreboot machines: Heads' set. */
    @Override
    public List<Integer> defaultOtpPcrs() {
        return SealedOtpSecret.COREBOOT_PCRS;
    }
}
