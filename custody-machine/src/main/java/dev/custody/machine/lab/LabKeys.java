package dev.custody.machine.lab;

import dev.custody.common.AtomicFiles;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.LabMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The owner's public key in the lab's firmware, where Heads keeps it: as gpg's keybox
 * ({@code heads/initrd/.gnupg/pubring.kbx}), made by gpg itself so it is the real format.
 */
public final class LabKeys {
    private LabKeys() {}

    public static void installPublicKey(LabMachine lab, Path publicKey) {
        FirmwareImage rom = LabPower.readRom(lab);
        AtomicFiles.write(lab.rom(), HeadsFiles.withKeyring(CbfsEditor.of(rom, Optional.empty()), keybox(publicKey),
                Optional.empty()).bytes());
    }

    /** The public key as the GnuPG keybox (pubring.kbx) that Heads keeps in its firmware. */
    public static byte[] keybox(Path publicKey) {
        Path home = null;
        try {
            home = Files.createTempDirectory("custody-gnupg-");
            LabCreator.run(List.of("gpg", "--batch", "--quiet", "--homedir", home.toString(), "--import", publicKey.toString()));
            return Files.readAllBytes(home.resolve("pubring.kbx"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a keyring of " + publicKey, e);
        } finally {
            deleteQuietly(home);
        }
    }

    /** The keyring in the firmware, written to {@code into} for verification; empty if there is none. */
    public static Optional<Path> exportKeyring(LabMachine lab, Path into) {
        Optional<CbfsFile> keyring = LabPower.readRom(lab).cbfs(Optional.empty()).file(HeadsFiles.PUBRING);
        keyring.ifPresent(file -> AtomicFiles.write(into, file.contents()));
        return keyring.map(file -> into);
    }

    private static void deleteQuietly(Path home) {
        if (home == null) {
            return;
        }
        try (var paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary GNUPGHOME holds only a public key.
        }
    }
}
