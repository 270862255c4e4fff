package dev.custody.machine.lab;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.LabMachine;
import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.Keyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    /** The keyring in the firmware, loaded; empty if there is none. */
    public static Optional<Keyring> ownerKeyring(LabMachine lab) {
        Path exported = null;
        try {
            exported = Files.createTempFile("custody-owner-keyring-", ".kbx");
            return exportKeyring(lab, exported).map(Keyring::load);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's firmware keyring", e);
        } finally {
            if (exported != null) {
                try {
                    Files.deleteIfExists(exported);
                } catch (IOException ignored) {
                    // a public keyring left in /tmp reveals nothing
                }
            }
        }
    }
}
