package dev.custody.ownership.reference;

import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.openpgp.Keyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The owner's keyring inside a firmware image, where Heads keeps it (measured into PCR 7). */
public final class FirmwareKeyring {
    private FirmwareKeyring() {}

    public static Optional<Keyring> of(FirmwareImage image) {
        Optional<byte[]> keybox = image.cbfs(Optional.empty()).file(HeadsFiles.PUBRING).map(f -> f.contents());
        if (keybox.isEmpty()) {
            return Optional.empty();
        }
        Path file = null;
        try {
            file = Files.createTempFile("custody-firmware-keyring-", ".kbx");
            Files.write(file, keybox.get());
            return Optional.of(Keyring.load(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the firmware's keyring (" + HeadsFiles.PUBRING + ") holds no readable keys");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware's keyring", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
