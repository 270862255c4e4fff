package dev.custody.boot.disk;

import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The cryptsetup commands the disk unlock key needs, on block devices or LUKS image files.
 * Passphrases and keys go in on standard input ({@code --key-file -}); when a command needs two
 * (luksAddKey), the new key goes through a 0600 file in a private folder that is overwritten and
 * deleted right after.
 */
public final class Cryptsetup {
    /** Heads' DUK slot on LUKS2: the last one, so it never collides with slots the installer used. */
    public static final int DUK_SLOT = 31;
    private static final Pattern LUKS2_SLOT = Pattern.compile("^\\s+(\\d+): luks2\\s*$");
    private static final long TIMEOUT_SECONDS = 300;

    private Cryptsetup() {}

    /** True when {@code key} opens some keyslot of {@code device}; nothing is mapped. */
    public static boolean testKey(Path device, Secret key) {
        return run(List.of("cryptsetup", "open", "--test-passphrase", "--key-file", "-", device.toString()), key).ok();
    }

    /** True when {@code key} opens keyslot {@code slot} itself. */
    public static boolean opensSlot(Path device, Secret key, int slot) {
        return run(List.of("cryptsetup", "open", "--test-passphrase", "--key-slot", String.valueOf(slot), "--key-file", "-",
                device.toString()), key).ok();
    }

    /**
     * Opens {@code device} as /dev/mapper/{@code name} with {@code key} (a key or a passphrase, on
     * cryptsetup's standard input), or with no name only checks that the key opens a keyslot
     * (--test-passphrase). Empty when it worked, else cryptsetup's last line.
     */
    public static Optional<String> open(Path device, Optional<String> name, Secret key) {
        List<String> command = new ArrayList<>(List.of("cryptsetup", "open", "--key-file", "-", device.toString()));
        name.ifPresentOrElse(command::add, () -> command.add(2, "--test-passphrase"));
        Result result = run(command, key);
        return result.ok() ? Optional.empty()
                : Optional.of(result.output().strip().lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode()));
    }

    /** The LUKS UUID, as Heads records it in kexec_key_devices.txt. */
    public static String uuid(Path device) {
        return require(run(List.of("cryptsetup", "luksUUID", device.toString()), null), "read the LUKS UUID of " + device)
                .strip();
    }

    public static int version(Path device) {
        String dump = require(run(List.of("cryptsetup", "luksDump", device.toString()), null), "read the LUKS header of " + device);
        return dump.lines().filter(l -> l.startsWith("Version:")).map(l -> Integer.parseInt(l.substring(8).strip()))
                .findFirst().orElseThrow(() -> new IllegalStateException(device + ": cryptsetup luksDump shows no version"));
    }

    /** The LUKS2 keyslots in use. */
    public static List<Integer> keyslots(Path device) {
        String dump = require(run(List.of("cryptsetup", "luksDump", device.toString()), null), "read the LUKS header of " + device);
        List<Integer> slots = new ArrayList<>();
        dump.lines().map(LUKS2_SLOT::matcher).filter(java.util.regex.Matcher::matches)
                .forEach(m -> slots.add(Integer.parseInt(m.group(1))));
        return slots;
    }

    /** Removes a keyslot; {@code remaining} must open another slot, so the disk is never left without a key. */
    public static void killSlot(Path device, int slot, Secret remaining) {
        require(run(List.of("cryptsetup", "luksKillSlot", "--key-file", "-", device.toString(), String.valueOf(slot)), remaining),
                "remove LUKS keyslot " + slot + " of " + device);
    }

    /**
     * Adds {@code newKey} in {@code slot}, authorised by {@code existing}. PBKDF2 at its minimum
     * iteration count: the key is 128 random bytes, which no key stretching could make stronger,
     * and the boot does not wait seconds for Argon2.
     */
    public static void addKey(Path device, int slot, Secret existing, Secret newKey) {
        Path folder = null;
        Path keyFile = null;
        try {
            folder = Files.createTempDirectory("custody-duk", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            keyFile = folder.resolve("new.key");
            AtomicFiles.writePrivate(keyFile, newKey.bytes());
            require(run(List.of("cryptsetup", "luksAddKey", "--batch-mode", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations",
                    "1000", "--new-key-slot", String.valueOf(slot), "--key-file", "-", device.toString(), keyFile.toString()),
                    existing), "add the disk unlock key to LUKS keyslot " + slot + " of " + device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the new key for cryptsetup", e);
        } finally {
            wipe(keyFile);
            deleteQuietly(folder);
        }
    }

    /** {@code cryptsetup luksHeaderBackup}: the whole LUKS header (metadata and keyslot area). */
    public static void headerBackup(Path device, Path backupFile) {
        require(run(List.of("cryptsetup", "luksHeaderBackup", device.toString(), "--header-backup-file",
                backupFile.toString()), null), "read the LUKS header of " + device);
    }

    private record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static String require(Result result, String what) {
        if (!result.ok()) {
            String last = result.output().strip().lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
            throw new IllegalStateException("cryptsetup could not " + what + ": " + last);
        }
        return result.output();
    }

    private static Result run(List<String> command, Secret input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.bytes());
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cryptsetup did not finish within " + TIMEOUT_SECONDS + " s: " + command.get(1));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run cryptsetup (" + e.getMessage() + "); install cryptsetup-bin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running cryptsetup", e);
        }
    }

    /** Overwrites a key file before deleting it, as Heads' shred does. */
    static void wipe(Path file) {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            Files.write(file, new byte[(int) Files.size(file)]);
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + file, e);
        }
    }

    static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover empty private temp folder holds nothing secret.
        }
    }
}
