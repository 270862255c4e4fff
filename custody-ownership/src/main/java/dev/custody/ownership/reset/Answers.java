package dev.custody.ownership.reset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.boot.pgp.KeyAlgorithm;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything the OEM factory reset asks, answered up front (an answers file) or by the wizard.
 * Missing answers take Heads' defaults (oem-factory-reset.sh): owner passphrase and admin PIN
 * 12345678, user PIN 123456, RSA 3072, uid "OEM Key". Custom passphrases must be 8-25 characters,
 * Heads' limits.
 */
public record Answers(Secret tpmOwnerPassphrase, Secret currentTpmOwnerPassphrase, String uid, KeyAlgorithm keyType,
                      Secret keyPassphrase, KeyStorage keyStorage, Secret userPin, Secret adminPin,
                      Optional<String> totpLabel, Optional<List<Integer>> totpPcrs, OptionalInt defaultBootEntry,
                      boolean diskUnlockKey, Optional<Secret> diskUnlockPassphrase,
                      Optional<Secret> diskRecoveryPassphrase, Optional<Secret> newDiskRecoveryPassphrase,
                      DictionaryAttackParameters dictionaryAttack,
                      boolean saveSecrets, boolean reboot) implements AutoCloseable {

    public enum KeyStorage { SOFTWARE, SMARTCARD }

    public static final String DEFAULT_OWNER_PASSPHRASE = "12345678";
    public static final String DEFAULT_ADMIN_PIN = "12345678";
    public static final String DEFAULT_USER_PIN = "123456";
    public static final String DEFAULT_UID = "OEM Key";
    /** Heads' tpmr.sh: ten burst failures, one forgotten per hour, lockout needs a reset. */
    public static final DictionaryAttackParameters HEADS_DICTIONARY_ATTACK = new DictionaryAttackParameters(10, 3600, 0);

    static final int MIN_PASSPHRASE = 8;
    static final int MAX_PASSPHRASE = 25;
    static final int MIN_USER_PIN = 6;

    /** Every key an answers file may have; anything else is a typo and refused. */
    static final Set<String> KEYS = Set.of("tpmOwnerPassphrase", "currentTpmOwnerPassphrase", "uid", "keyType",
            "keyPassphrase", "keyStorage", "userPin", "adminPin", "totpLabel", "totpPcrs", "defaultBootEntry",
            "diskUnlockKey", "diskUnlockPassphrase", "diskRecoveryPassphrase", "newDiskRecoveryPassphrase",
            "dictionaryAttack", "saveSecrets",
            "reboot");

    public Answers {
        checkLength("tpmOwnerPassphrase", tpmOwnerPassphrase, MIN_PASSPHRASE);
        checkLength("keyPassphrase", keyPassphrase, MIN_PASSPHRASE);
        checkLength("adminPin", adminPin, MIN_PASSPHRASE);
        checkLength("userPin", userPin, MIN_USER_PIN);
        if (uid.isBlank() || uid.length() > 100) {
            throw new IllegalArgumentException("uid must be 1-100 characters");
        }
        if (diskUnlockKey) {
            Secret passphrase = diskUnlockPassphrase.orElseThrow(() -> new IllegalArgumentException(
                    "diskUnlockKey is true but diskUnlockPassphrase is missing"));
            checkLength("diskUnlockPassphrase", passphrase, MIN_PASSPHRASE);
        }
        newDiskRecoveryPassphrase.ifPresent(p -> checkLength("newDiskRecoveryPassphrase", p, MIN_PASSPHRASE));
    }

    /** Heads' defaults throughout: what pressing Enter at every question gives. */
    public static Answers defaults() {
        return new Answers(text(DEFAULT_OWNER_PASSPHRASE), Secret.empty(), DEFAULT_UID, KeyAlgorithm.RSA3072,
                text(DEFAULT_ADMIN_PIN), KeyStorage.SOFTWARE, text(DEFAULT_USER_PIN), text(DEFAULT_ADMIN_PIN),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), HEADS_DICTIONARY_ATTACK, false, true);
    }

    public static Answers read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("answers file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the answers file " + file + ": " + e.getMessage());
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("answers file " + file + ": " + e.getMessage());
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    static Answers parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        return of(root);
    }

    /** Answers given as the answers file's keys, as the interactive wizard collects them. */
    public static Answers of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object such as {\"tpmOwnerPassphrase\": \"...\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        Answers defaults = defaults();
        Secret adminPin = secret(root, "adminPin").orElse(defaults.adminPin());
        return new Answers(
                secret(root, "tpmOwnerPassphrase").orElse(defaults.tpmOwnerPassphrase()),
                secret(root, "currentTpmOwnerPassphrase").orElse(Secret.empty()),
                string(root, "uid").orElse(DEFAULT_UID),
                string(root, "keyType").map(Answers::keyType).orElse(KeyAlgorithm.RSA3072),
                // Heads protects the key (and its backup) with the admin PIN unless told otherwise.
                secret(root, "keyPassphrase").orElse(Secret.copyOf(adminPin.bytes())),
                string(root, "keyStorage").map(Answers::keyStorage).orElse(KeyStorage.SOFTWARE),
                secret(root, "userPin").orElse(defaults.userPin()),
                adminPin,
                string(root, "totpLabel"),
                string(root, "totpPcrs").map(PcrPolicy::parseList),
                integer(root, "defaultBootEntry"),
                bool(root, "diskUnlockKey").orElse(false),
                secret(root, "diskUnlockPassphrase"),
                secret(root, "diskRecoveryPassphrase"),
                secret(root, "newDiskRecoveryPassphrase"),
                dictionaryAttack(root.get("dictionaryAttack")),
                bool(root, "saveSecrets").orElse(false),
                bool(root, "reboot").orElse(true));
    }

    private static KeyAlgorithm keyType(String text) {
        return switch (text.toLowerCase()) {
            case "rsa3072" -> KeyAlgorithm.RSA3072;
            case "ed25519" -> KeyAlgorithm.ED25519;
            default -> throw new IllegalArgumentException("keyType '" + text + "' is not rsa3072 or ed25519");
        };
    }

    private static KeyStorage keyStorage(String text) {
        return switch (text.toLowerCase()) {
            case "software" -> KeyStorage.SOFTWARE;
            case "smartcard" -> KeyStorage.SMARTCARD;
            default -> throw new IllegalArgumentException("keyStorage '" + text + "' is not software or smartcard");
        };
    }

    private static DictionaryAttackParameters dictionaryAttack(JsonNode node) {
        if (node == null || node.isNull()) {
            return HEADS_DICTIONARY_ATTACK;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("dictionaryAttack must be {\"maxTries\": N, \"recoverySeconds\": N, "
                    + "\"lockoutRecoverySeconds\": N}");
        }
        return new DictionaryAttackParameters(
                integer(node, "maxTries").orElse(HEADS_DICTIONARY_ATTACK.maxTries()),
                integer(node, "recoverySeconds").orElse(HEADS_DICTIONARY_ATTACK.recoverySeconds()),
                integer(node, "lockoutRecoverySeconds").orElse(HEADS_DICTIONARY_ATTACK.lockoutRecoverySeconds()));
    }

    private static Optional<String> string(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return Optional.of(node.textValue());
    }

    private static Optional<Secret> secret(JsonNode root, String name) {
        return string(root, name).map(Answers::text);
    }

    private static OptionalInt integer(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return OptionalInt.of(node.intValue());
    }

    private static Optional<Boolean> bool(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    static Secret text(String value) {
        return Secret.adopt(value.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkLength(String name, Secret value, int minimum) {
        int length = new String(value.bytes(), StandardCharsets.UTF_8).length();
        if (length < minimum || length > MAX_PASSPHRASE) {
            throw new IllegalArgumentException(name + " must be " + minimum + "-" + MAX_PASSPHRASE
                    + " characters (Heads' limits), not " + length);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        List<Secret> secrets = new ArrayList<>(List.of(tpmOwnerPassphrase, currentTpmOwnerPassphrase, keyPassphrase,
                userPin, adminPin));
        diskUnlockPassphrase.ifPresent(secrets::add);
        diskRecoveryPassphrase.ifPresent(secrets::add);
        newDiskRecoveryPassphrase.ifPresent(secrets::add);
        secrets.forEach(Secret::close);
    }
}
