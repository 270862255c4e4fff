package dev.custody.boot.disk;

import dev.custody.boot.manifest.FileHasher;
import dev.custody.common.TerminalText;
import dev.custody.tpm.PcrBank;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LUKS header measurement of Heads' qubes-measure-luks.sh: each device's
 * {@code cryptsetup luksHeaderBackup} saved as {@code /tmp/lukshdr-<device with / as _>}, then
 * {@code sha256sum /tmp/lukshdr-*} (glob order: bytewise). That text is kexec_lukshdr_hash.txt, and
 * its SHA-256 is what is extended into PCR 6.
 *
 * <p>The file names are part of the hashed text, so Custody writes Heads' names even though the
 * backups themselves go to a private temporary folder.
 */
public final class LuksHeaders {
    public static final int PCR = 6;
    private static final String HEADS_BACKUP_PREFIX = "/tmp/lukshdr-";

    private LuksHeaders() {}

    /** The text Heads writes to /tmp/luksDump.txt, and its digest for PCR 6. */
    public record Measurement(String text) {
        public byte[] digest() {
            return digest(PcrBank.SHA256);
        }

        /** What Heads' {@code tpmr extend -if} extends: SHA-256 on a TPM 2.0, SHA-1 on a TPM 1.2. */
        public byte[] digest(PcrBank bank) {
            return bank.hash(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Header hash per backup file name, in file order. */
        public Map<String, String> hashes() {
            Map<String, String> hashes = new LinkedHashMap<>();
            text.lines().filter(l -> !l.isBlank()).forEach(line -> {
                int space = line.indexOf("  ");
                if (space < 0) {
                    throw new IllegalArgumentException("'" + TerminalText.escape(line) + "' is not a sha256sum line");
                }
                hashes.put(line.substring(space + 2), line.substring(0, space));
            });
            return hashes;
        }

        /**
         * The first device whose header differs from {@code recorded} (or that one of the two
         * lacks), named as the user knows it; empty when both are the same.
         */
        public Optional<String> firstDifference(Measurement recorded, List<KeyDevice> devices) {
            Map<String, String> now = hashes();
            Map<String, String> then = recorded.hashes();
            for (KeyDevice device : devices) {
                String file = backupName(device.name());
                if (!java.util.Objects.equals(now.get(file), then.get(file))) {
                    return Optional.of(device.name());
                }
            }
            if (!now.keySet().equals(then.keySet())) {
                List<String> extra = new ArrayList<>(then.keySet());
                extra.removeAll(now.keySet());
                return Optional.of(extra.isEmpty() ? "the device list" : extra.getFirst().substring(HEADS_BACKUP_PREFIX.length()));
            }
            return text.equals(recorded.text()) ? Optional.empty() : Optional.of("the header record");
        }
    }

    /** Heads' name for a device's header backup, which appears in the hashed text. */
    public static String backupName(String device) {
        return HEADS_BACKUP_PREFIX + device.replace('/', '_');
    }

    public static Measurement measure(List<KeyDevice> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no LUKS devices to measure");
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("custody-lukshdr",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            List<String[]> lines = new ArrayList<>();
            for (KeyDevice device : devices) {
                Path backup = folder.resolve("header-" + lines.size());
                Cryptsetup.headerBackup(device.path(), backup);
                lines.add(new String[] {backupName(device.name()), sha256(backup)});
            }
            lines.sort((a, b) -> Arrays.compareUnsigned(a[0].getBytes(StandardCharsets.UTF_8), b[0].getBytes(StandardCharsets.UTF_8)));
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l[1]).append("  ").append(l[0]).append('\n'));
            return new Measurement(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the LUKS headers", e);
        } finally {
            Cryptsetup.deleteQuietly(folder);
        }
    }

    private static String sha256(Path file) {
        return HexFormat.of().formatHex(FileHasher.hashOne(file)
                .orElseThrow(() -> new IllegalStateException("cryptsetup wrote no header backup to " + file)));
    }
}
