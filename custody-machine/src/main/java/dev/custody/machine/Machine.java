package dev.custody.machine;

import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a command acts on: this computer, or a lab machine kept in a folder (simulated, or booted under QEMU). Each piece
 * (TPM, /boot, ROM, measurement log) comes from the real thing or from the lab's files.
 */
public sealed interface Machine permits HostMachine, LabMachine, QemuMachine {
    TpmSpec tpm();

    SealRecords sealRecords();

    Path bootDirectory();

    /** The name an authenticator app shows for this machine's TOTP: board or host name. */
    String label();

    /** PCRs the TOTP secret is sealed to unless the owner chooses others. */
    List<Integer> defaultOtpPcrs();

    /** Where Custody keeps what it remembers about this machine (seal records, logs of sealing boots). */
    Path stateDirectory();

    /** The raw measurement log of the current boot, when this machine keeps one Custody can read. */
    Optional<byte[]> measurementLog();

    /**
     * Why the TPM holds no measurements at all, in words for the owner: a lab machine that is
     * simply off, or firmware that measured nothing into this TPM.
     */
    String nothingMeasuredReason();

    /**
     * The owner's public keyring as the firmware holds it, written to a file, when Custody can read
     * the firmware without special rights; otherwise the owner names the keyring.
     */
    Optional<Path> firmwareKeyring();

    /** The firmware image as a file Custody can read (a lab's rom.bin); this computer's chip needs flashrom. */
    Optional<Path> firmwareImageFile();

    /**
     * Why {@code what} ("reference measurements") cannot be made from {@link #firmwareImageFile()}
     * when it is empty: this computer's chip is read with flashrom, and a QEMU machine's firmware is
     * not coreboot.
     */
    String withoutFirmwareImage(String what);

    /** Where this machine keeps its disk's recovery passphrase (a lab does, 0600); a real owner keeps it in mind. */
    Optional<Path> recoveryPassphraseFile();

    /** The LUKS devices the disk unlock key is for: the lab's disk.img, else those /boot records. */
    java.util.List<dev.custody.boot.disk.KeyDevice> diskDevices();

    /**
     * Switches the machine on and measures its boot, where Custody can (a lab machine); false for
     * this computer, which its owner reboots.
     */
    boolean powerOn();

    /** The options that pick this machine on custody's command line, with a leading space, for hints. */
    String commandLineSelector();
}
