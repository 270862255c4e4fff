package dev.custody.boot.disk;

import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The disk unlock key's files in /boot, in Heads' formats. The two kexec_*.txt files are part of
 * the signed set, so /boot must be signed again after they change.
 */
public final class DiskKeyFiles {
    /** {@code <device> <luksUUID>} lines, written by Heads' kexec-save-key.sh. */
    public static final String KEY_DEVICES = "kexec_key_devices.txt";
    /** The {@code sha256sum} of the LUKS header backups, written by kexec-seal-key.sh. */
    public static final String LUKS_HEADER_HASH = "kexec_lukshdr_hash.txt";
    /** {@code <file in initrd>:<crypttab line>} lines from kexec-save-default.sh; not signed in Heads either. */
    public static final String CRYPTTAB_OVERRIDES = "kexec_initrd_crypttab_overrides.txt";

    private DiskKeyFiles() {}

    public static void writeKeyDevices(Path boot, List<KeyDevice> devices) {
        StringBuilder text = new StringBuilder();
        devices.forEach(d -> text.append(d.line()));
        AtomicFiles.writeString(boot.resolve(KEY_DEVICES), text.toString());
    }

    /**
     * The recorded devices; {@code locate} maps a recorded name to the path cryptsetup opens
     * (the name itself on a real machine).
     */
    public static List<KeyDevice> readKeyDevices(Path boot, Function<String, Path> locate) {
        Path file = boot.resolve(KEY_DEVICES);
        List<KeyDevice> devices = new ArrayList<>();
        for (String line : read(file).orElse("").lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" +");
            if (fields.length != 2) {
                throw new IllegalArgumentException(file + ": '" + TerminalText.escape(line)
                        + "' is not a '<device> <luksUUID>' line");
            }
            try {
                devices.add(new KeyDevice(fields[0], locate.apply(fields[0]), fields[1]));
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException(file + ": '" + TerminalText.escape(fields[0]) + "' is not a device path ("
                        + e.getReason() + ")");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return devices;
    }

    public static void writeHeaderHashes(Path boot, LuksHeaders.Measurement measurement) {
        AtomicFiles.writeString(boot.resolve(LUKS_HEADER_HASH), measurement.text());
    }

    public static Optional<String> readHeaderHashes(Path boot) {
        return read(boot.resolve(LUKS_HEADER_HASH));
    }

    public static Optional<String> readCrypttabOverrides(Path boot) {
        return read(boot.resolve(CRYPTTAB_OVERRIDES));
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
