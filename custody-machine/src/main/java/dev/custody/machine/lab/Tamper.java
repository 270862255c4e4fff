package dev.custody.machine.lab;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.Compression;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.cbfs.NewCbfsFile;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.LabMachine;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One realistic change an attacker (or an accident) could make to a lab machine. */
public enum Tamper {
    ROM("a changed romstage in the firmware (measured into PCR 2)"),
    KEYRING("a different owner keyring in the firmware (PCR 7)"),
    CONFIG("changed firmware settings in config.user (PCR 7)"),
    KERNEL("one byte of the kernel in /boot"),
    INITRD("the initrd in /boot"),
    GRUB("the kernel command line in grub.cfg"),
    ADD_FILE("a file added to /boot"),
    ROLLBACK("an older signed /boot restored"),
    RECOVERY("the recovery shell entered (PCR 4 extended with \"recovery\")"),
    LUKS_HEADER("the disk's LUKS header (a new label; measured into PCR 6 when the disk key is unsealed)"),
    SECUREBOOT("Secure Boot turned off: UEFI variables without keys (PCR 7; QEMU machines with ovmf-secureboot)"),
    FIRMWARE("another OVMF build in place of the machine's firmware (PCR 0; QEMU machines with OVMF)"),
    BOOTORDER("a new boot entry put first in the UEFI BootOrder variable (PCR 1; QEMU machines with OVMF)");

    private final String description;

    Tamper(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static Tamper parse(String kind) {
        try {
            return valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tamper kind '" + kind
                    + "' (rom, keyring, config, kernel, initrd, grub, add-file, rollback, recovery, luks-header;"
                    + " on QEMU machines: secureboot, firmware, kernel, bootorder, luks-header)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public void apply(LabMachine lab) {
        try {
            switch (this) {
                case ROM -> editRom(lab, editor -> editor.replace(new NewCbfsFile("fallback/romstage", CbfsType.Known.RAW,
                        LabContents.standIn("fallback/romstage (implanted)", 48 * 1024), Compression.LZ4, 0, false)));
                case KEYRING -> editRom(lab, editor -> editor.replace(NewCbfsFile.raw(HeadsFiles.PUBRING,
                        LabContents.standIn("an attacker's keyring", 1024))));
                case CONFIG -> editRom(lab, editor -> HeadsFiles.withConfigUser(editor,
                        HeadsFiles.configUser(editor.image()).with("CONFIG_RESTRICTED_BOOT", "n")));
                case KERNEL -> flipByte(lab.bootDirectory().resolve(LabContents.KERNEL));
                case INITRD -> Files.write(lab.bootDirectory().resolve(LabContents.INITRD),
                        LabContents.standIn("a backdoored initrd", 192 * 1024));
                case GRUB -> {
                    Path grub = lab.bootDirectory().resolve(LabContents.GRUB_CONFIG);
                    Files.writeString(grub, Files.readString(grub).replace("rhgb quiet", "rhgb quiet init=/bin/sh"));
                }
                case ADD_FILE -> Files.write(lab.bootDirectory().resolve("extra-module.ko"),
                        LabContents.standIn("extra-module.ko", 4096));
                case ROLLBACK -> BootHistory.of(lab).restoreOldest(lab.bootDirectory());
                case LUKS_HEADER -> LabCreator.run(List.of("cryptsetup", "config", "--label", "tampered", lab.disk().toString()));
                case SECUREBOOT, FIRMWARE, BOOTORDER -> throw new IllegalArgumentException("tamper kind '" + label()
                        + "' is for QEMU machines (lab create --firmware); " + lab.directory() + " is a simulated lab machine");
                case RECOVERY -> {
                    try (Tpm tpm = Tpms.open(lab.tpm())) {
                        dev.custody.boot.policy.BootMode.measure(new dev.custody.boot.policy.BootMode.Recovery(), tpm);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tamper with " + lab.directory(), e);
        }
    }

    private static void editRom(LabMachine lab, java.util.function.UnaryOperator<CbfsEditor> edit) {
        FirmwareImage image = LabPower.readRom(lab);
        AtomicFiles.write(lab.rom(), edit.apply(CbfsEditor.of(image, Optional.empty())).bytes());
    }

    private static void flipByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }
}
