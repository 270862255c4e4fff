package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.eventlog.HostLog;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The computer Custody runs on. */
public record HostMachine(TpmSpec tpm, Path stateDirectory, Path bootDirectory) implements Machine {
    private static final Path BOARD_NAME = Path.of("/sys/class/dmi/id/product_name");
    private static final Path EFI = Path.of("/sys/firmware/efi");

    @Override
    public SealRecords sealRecords() {
        return new SealRecords(stateDirectory.resolve("seal-records"));
    }

    /** The kernel's copy of the firmware's log; coreboot machines' cbmem logs are read by 'custody eventlog'. */
    @Override
    public Optional<byte[]> measurementLog() {
        try {
            return Files.isReadable(HostLog.SECURITYFS) ? Optional.of(Files.readAllBytes(HostLog.SECURITYFS))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reading this computer's flash needs root and flashrom; the owner gives --keyring instead. */
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
        return what + " of this computer need its firmware image; read it with 'flashrom -p internal -r FILE' and give it"
                + " as --rom FILE";
    }

    @Override
    public Optional<Path> recoveryPassphraseFile() {
        return Optional.empty();
    }

    @Override
    public List<dev.custody.boot.disk.KeyDevice> diskDevices() {
        return DiskUnlock.recordedDevices(this);
    }

    @Override
    public boolean powerOn() {
        return false;
    }

    @Override
    public String commandLineSelector() {
        return "";
    }

    @Override
    public String nothingMeasuredReason() {
        return "this TPM holds no measurements of this boot: the firmware did not measure into it (is measured boot"
                + " switched on, and is this the TPM the firmware uses?)";
    }

    @Override
    public String label() {
        try {
            if (Files.isReadable(BOARD_NAME)) {
                String board = Files.readString(BOARD_NAME).strip();
                if (!board.isEmpty()) {
                    return board;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "custody";
        }
    }

    /**
     * Not PCR 1 on UEFI laptops, unlike a QEMU machine: it measures the boot variables, which the
     * running system rewrites (BootNext by fwupd and systemd, BootOrder by grub-install and
     * efibootmgr on boot loader upgrades, a dual-booted Windows), and Custody cannot predict
     * those writes, so the code would stop after ordinary updates and the owner learn to ignore
     * it. Not PCR 6 by default either: the disk key already refuses a changed LUKS header, by
     * name, and a TOTP sealed to it would stop at every passphrase change. An owner who wants
     * them names them with --pcrs; the boot step measures the headers before the TOTP.
     */
    @Override
    public List<Integer> defaultOtpPcrs() {
        return Files.isDirectory(EFI) ? SealedOtpSecret.UEFI_PCRS : SealedOtpSecret.COREBOOT_PCRS;
    }
}
