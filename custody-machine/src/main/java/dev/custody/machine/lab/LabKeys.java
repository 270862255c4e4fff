package dev.custody.machine.lab;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.LabMachine;
import dev.custody.openpgp.GnupgHome;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The owner's public key in the lab's firmware, where Heads keeps it: as gpg's keybox
 * ({@code heads/initrd/.gnupg/pubring.kbx}).
 */
public final class LabKeys {
    private LabKeys() {}

    public static void installPublicKey(LabMachine lab, Path publicKey) {
        FirmwareImage rom = LabPower.readRom(lab);
        AtomicFiles.write(lab.rom(), HeadsFiles.withKeyring(CbfsEditor.of(rom, Optional.empty()), GnupgHome.keybox(publicKey),
                Optional.empty()).bytes());
    }

    /** The keyring in the firmware, written to {@code into} for verification; empty if there is none. */
    public static Optional<Path> exportKeyring(LabMachine lab, Path into) {
        Optional<CbfsFile> keyring = LabPower.readRom(lab).cbfs(Optional.empty()).file(HeadsFiles.PUBRING);
        keyring.ifPresent(file -> AtomicFiles.write(into, file.contents()));
        return keyring.map(file -> into);
    }
}
