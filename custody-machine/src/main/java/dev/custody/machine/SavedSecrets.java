package dev.custody.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The owner's secrets as {@code own reset} saved them (saveSecrets, 0600). Whatever replaces one
 * of them on the machine (a new TOTP secret, a new disk unlock passphrase) replaces it here too,
 * at the lowest level, so that no caller can forget and a hand-off never ships a stale secret.
 * Nothing is written when the owner chose not to save their secrets.
 */
public final class SavedSecrets {
    public static final String TOTP_SECRET = "totpSecret";
    public static final String DISK_UNLOCK_PASSPHRASE = "diskUnlockPassphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private SavedSecrets(Path file) {
        this.file = file;
    }

    public static SavedSecrets of(Machine machine) {
        return new SavedSecrets(file(machine));
    }

    /** Where {@code own reset} keeps what it made for a machine. */
    public static Path directory(Machine machine) {
        return machine.stateDirectory().resolve("ownership");
    }

    public static Path file(Machine machine) {
        return directory(machine).resolve("secrets.json");
    }

    /**
     * Replaces one saved secret, if secrets are saved. A saved file that cannot be updated is
     * removed instead: no saved secret is better than a wrong one.
     */
    public void replace(String name, Secret value) {
        if (!Files.exists(file)) {
            return;
        }
        byte[] before = null;
        byte[] after = null;
        try {
            before = Files.readAllBytes(file);
            JsonNode root = JSON.readTree(before);
            if (!(root instanceof ObjectNode secrets)) {
                throw new IOException("not a JSON object");
            }
            secrets.put(name, new String(value.bytes(), StandardCharsets.UTF_8));
            after = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(secrets);
            AtomicFiles.writePrivate(file, after);
        } catch (IOException | RuntimeException e) {
            removeStale();
        } finally {
            wipe(before);
            wipe(after);
        }
    }

    private void removeStale() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update or remove the saved secrets " + file + "; delete it, it is stale", e);
        }
    }

    private static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
