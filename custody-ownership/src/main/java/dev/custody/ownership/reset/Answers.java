package dev.custody.ownership.reset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.Secret;
import dev.custody.common.StrictJson;
import dev.custody.common.TerminalText;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.tpm.DictionaryAttackParameters;
import dev.custody.tpm.PcrPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything the OEM factory reset asks, answered up front (an answers file) or by the wizard.
 * Missing answers take Heads' defaults (oem-factory-reset.sh): owner passphrase and admin PIN
 * 12345678, user PIN 123456, RSA 3072, uid "OEM Key". A key that is present must hold a real
 * value: {@code null} is refused rather than read as "use the default", so a template with an
 * unfilled passphrase never becomes 12345678 silently. Custom passphrases must be 8-25
 * characters, Heads' limits; no answer may hold control characters.
 *
 * <p>{@code defaulted} names the answers that were left out and took a default, so that the
 * reset can say so.
 */
public record Answers(Secret tpmOwnerPassphrase, Secret currentTpmOwnerPassphrase, String uid, KeyAlgorithm keyType,
                      Secret keyPassphrase, KeyStorage keyStorage, Secret userPin, Secret adminPin,
                      Optional<String> totpLabel, Optional<List<Integer>> totpPcrs, OptionalInt defaultBootEntry,
                      boolean diskUnlockKey, Optional<Secret> diskUnlockPassphrase,
                      Optional<Secret> diskRecoveryPassphrase, Optional<Secret> newDiskRecoveryPassphrase,
                      DictionaryAttackParameters dictionaryAttack,
                      boolean saveSecrets, boolean reboot, List<String> defaulted,
                      RecoveryAnswer recoveryAuth) implements AutoCloseable {

    public enum KeyStorage { SOFTWARE, SMARTCARD }

    public static final String DEFAULT_OWNER_PASSPHRASE = "12345678";
    public static final String DEFAULT_ADMIN_PIN = "12345678";
    public static final String DEFAULT_USER_PIN = "123456";
    public static final String DEFAULT_UID = "OEM Key";
    /** Heads' tpmr.sh: ten burst failures, one forgotten per hour, lockout needs a reset. */
    public static final DictionaryAttackParameters HEADS_DICTIONARY_ATTACK = new DictionaryAttackParameters(10, 3600, 0);

    public static final int MIN_PASSPHRASE = 8;
    public static final int MAX_PASSPHRASE = 25;
    public static final int MIN_USER_PIN = 6;
    /** An OpenPGP user id: name and e-mail, as gpg's key generation asks for. */
    public static final int MAX_UID = 100;
    /** What an authenticator app shows in its list. */
    public static final int MAX_TOTP_LABEL = 64;
    /** A PCR list such as "0,1,2,3,4,7" or "0-7". */
    public static final int MAX_PCR_LIST = 64;
    /** The highest boot menu entry an answer may name; whether it exists is checked against /boot. */
    public static final int MAX_BOOT_ENTRY = 999;
    /** Dictionary-attack settings: tries and seconds, as the TPM takes them (a week at most). */
    public static final int MAX_TRIES = 1000;
    public static final int MAX_SECONDS = 7 * 24 * 3600;
    /** An answers file is a few hundred bytes; anything near this is not one. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** Every key an answers file may have; anything else is a typo and refused. */
    static final Set<String> KEYS = Set.of("tpmOwnerPassphrase", "currentTpmOwnerPassphrase", "uid", "keyType",
            "keyPassphrase", "keyStorage", "userPin", "adminPin", "totpLabel", "totpPcrs", "defaultBootEntry",
            "diskUnlockKey", "diskUnlockPassphrase", "diskRecoveryPassphrase", "newDiskRecoveryPassphrase",
            "dictionaryAttack", "saveSecrets", "recoveryAuth", "recoveryPassphrase",
            "reboot");
    private static final Set<String> DICTIONARY_ATTACK_KEYS = Set.of("maxTries", "recoverySeconds", "lockoutRecoverySeconds");

    public Answers {
        checkLength("tpmOwnerPassphrase", tpmOwnerPassphrase, MIN_PASSPHRASE);
        if (!currentTpmOwnerPassphrase.isEmpty()) {
            checkLength("currentTpmOwnerPassphrase", currentTpmOwnerPassphrase, MIN_PASSPHRASE);
        }
        checkLength("keyPassphrase", keyPassphrase, MIN_PASSPHRASE);
        checkLength("adminPin", adminPin, MIN_PASSPHRASE);
        checkLength("userPin", userPin, MIN_USER_PIN);
        checkText("uid", uid, MAX_UID);
        totpLabel.ifPresent(label -> checkText("totpLabel", label, MAX_TOTP_LABEL));
        totpPcrs.ifPresent(Answers::checkPcrs);
        if (defaultBootEntry.isPresent() && (defaultBootEntry.getAsInt() < 1 || defaultBootEntry.getAsInt() > MAX_BOOT_ENTRY)) {
            throw new IllegalArgumentException("defaultBootEntry: must be a menu entry number, 1-" + MAX_BOOT_ENTRY
                    + " (see custody boot entries), not " + defaultBootEntry.getAsInt());
        }
        if (diskUnlockKey) {
            Secret passphrase = diskUnlockPassphrase.orElseThrow(() -> new IllegalArgumentException(
                    "diskUnlockPassphrase: missing, and diskUnlockKey is true"));
            checkLength("diskUnlockPassphrase", passphrase, MIN_PASSPHRASE);
        } else if (diskUnlockPassphrase.isPresent()) {
            throw new IllegalArgumentException("diskUnlockPassphrase: given, but diskUnlockKey is not true");
        }
        diskRecoveryPassphrase.ifPresent(p -> checkLength("diskRecoveryPassphrase", p, 1));
        newDiskRecoveryPassphrase.ifPresent(p -> checkLength("newDiskRecoveryPassphrase", p, MIN_PASSPHRASE));
        defaulted = List.copyOf(defaulted);
    }

    /** Heads' defaults throughout: what pressing Enter at every question gives. */
    public static Answers defaults() {
        return new Answers(text(DEFAULT_OWNER_PASSPHRASE), Secret.empty(), DEFAULT_UID, KeyAlgorithm.RSA3072,
                text(DEFAULT_ADMIN_PIN), KeyStorage.SOFTWARE, text(DEFAULT_USER_PIN), text(DEFAULT_ADMIN_PIN),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), HEADS_DICTIONARY_ATTACK, false, true,
                List.of("tpmOwnerPassphrase", "uid", "keyPassphrase", "userPin", "adminPin"), new RecoveryAnswer.None());
    }

    /** Reads an answers file; every message names the file and the field: {@code FILE: field: problem}. */
    public static Answers read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": " + (Files.exists(file) ? "not a regular file" : "does not exist"));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_FILE_BYTES + " bytes; not an answers file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static Answers parse(byte[] json) {
        JsonNode root;
        try {
            root = StrictJson.reader().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON (" + (at == null ? "" : "line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": ") + firstLine(e.getOriginalMessage()) + ")");
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
        refuseUnknown(root, KEYS, "");
        List<String> defaulted = new ArrayList<>();
        Secret adminPin = secret(root, "adminPin").orElseGet(() -> defaulted(defaulted, "adminPin", DEFAULT_ADMIN_PIN));
        return new Answers(
                secret(root, "tpmOwnerPassphrase").orElseGet(() -> defaulted(defaulted, "tpmOwnerPassphrase", DEFAULT_OWNER_PASSPHRASE)),
                secret(root, "currentTpmOwnerPassphrase").orElse(Secret.empty()),
                string(root, "uid").orElseGet(() -> {
                    defaulted.add("uid");
                    return DEFAULT_UID;
                }),
                string(root, "keyType").map(Answers::keyType).orElse(KeyAlgorithm.RSA3072),
                // Heads protects the key (and its backup) with the admin PIN unless told otherwise.
                secret(root, "keyPassphrase").orElseGet(() -> {
                    defaulted.add("keyPassphrase");
                    return Secret.copyOf(adminPin.bytes());
                }),
                string(root, "keyStorage").map(Answers::keyStorage).orElse(KeyStorage.SOFTWARE),
                secret(root, "userPin").orElseGet(() -> defaulted(defaulted, "userPin", DEFAULT_USER_PIN)),
                adminPin,
                string(root, "totpLabel"),
                string(root, "totpPcrs").map(Answers::pcrList),
                integer(root, "defaultBootEntry", "defaultBootEntry"),
                bool(root, "diskUnlockKey").orElse(false),
                secret(root, "diskUnlockPassphrase"),
                secret(root, "diskRecoveryPassphrase"),
                secret(root, "newDiskRecoveryPassphrase"),
                dictionaryAttack(root),
                bool(root, "saveSecrets").orElse(false),
                bool(root, "reboot").orElse(true),
                defaulted,
                RecoveryAnswer.of(string(root, "recoveryAuth").orElse("none"), secret(root, "recoveryPassphrase")));
    }

    /**
     * Every answer as an answers file states it, defaults written out: what a resumed reset reads
     * back from its journal. Holds secrets; the caller keeps it private.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("tpmOwnerPassphrase", utf8(tpmOwnerPassphrase));
        if (!currentTpmOwnerPassphrase.isEmpty()) {
            node.put("currentTpmOwnerPassphrase", utf8(currentTpmOwnerPassphrase));
        }
        node.put("uid", uid);
        node.put("keyType", keyType.name().toLowerCase(Locale.ROOT));
        node.put("keyPassphrase", utf8(keyPassphrase));
        node.put("keyStorage", keyStorage.name().toLowerCase(Locale.ROOT));
        node.put("userPin", utf8(userPin));
        node.put("adminPin", utf8(adminPin));
        totpLabel.ifPresent(label -> node.put("totpLabel", label));
        totpPcrs.ifPresent(pcrs -> node.put("totpPcrs", String.join(",", pcrs.stream().map(String::valueOf).toList())));
        defaultBootEntry.ifPresent(entry -> node.put("defaultBootEntry", entry));
        node.put("diskUnlockKey", diskUnlockKey);
        diskUnlockPassphrase.ifPresent(p -> node.put("diskUnlockPassphrase", utf8(p)));
        diskRecoveryPassphrase.ifPresent(p -> node.put("diskRecoveryPassphrase", utf8(p)));
        newDiskRecoveryPassphrase.ifPresent(p -> node.put("newDiskRecoveryPassphrase", utf8(p)));
        ObjectNode da = node.putObject("dictionaryAttack");
        da.put("maxTries", dictionaryAttack.maxTries());
        da.put("recoverySeconds", dictionaryAttack.recoverySeconds());
        da.put("lockoutRecoverySeconds", dictionaryAttack.lockoutRecoverySeconds());
        node.put("saveSecrets", saveSecrets);
        node.put("reboot", reboot);
        node.put("recoveryAuth", recoveryAuth.mode());
        if (recoveryAuth instanceof RecoveryAnswer.Passphrase p) {
            node.put("recoveryPassphrase", utf8(p.passphrase()));
        }
        return node;
    }

    private static Secret defaulted(List<String> defaulted, String name, String value) {
        defaulted.add(name);
        return text(value);
    }

    private static void refuseUnknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(prefix + TerminalText.escape(abbreviated(name)) + ": unknown key (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static KeyAlgorithm keyType(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "rsa3072" -> KeyAlgorithm.RSA3072;
            case "ed25519" -> KeyAlgorithm.ED25519;
            default -> throw new IllegalArgumentException("keyType: '" + TerminalText.escape(abbreviated(text))
                    + "' is not rsa3072 or ed25519");
        };
    }

    private static KeyStorage keyStorage(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "software" -> KeyStorage.SOFTWARE;
            case "smartcard" -> KeyStorage.SMARTCARD;
            default -> throw new IllegalArgumentException("keyStorage: '" + TerminalText.escape(abbreviated(text))
                    + "' is not software or smartcard");
        };
    }

    private static List<Integer> pcrList(String text) {
        if (text.length() > MAX_PCR_LIST) {
            throw new IllegalArgumentException("totpPcrs: longer than " + MAX_PCR_LIST + " characters");
        }
        try {
            return PcrPolicy.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("totpPcrs: " + e.getMessage());
        }
    }

    /** A TOTP sealed to a PCR that software can reset proves nothing; the answers file has no way round that. */
    private static void checkPcrs(List<Integer> pcrs) {
        if (pcrs.isEmpty()) {
            throw new IllegalArgumentException("totpPcrs: no PCR given");
        }
        List<Integer> resettable = PcrPolicy.resettable(pcrs);
        if (!resettable.isEmpty()) {
            throw new IllegalArgumentException("totpPcrs: PCRs " + resettable + " " + PcrPolicy.RESETTABLE_REASON
                    + "; seal to PCRs 0-7 (or later with custody totp seal --allow-resettable-pcrs)");
        }
    }

    private static DictionaryAttackParameters dictionaryAttack(JsonNode root) {
        JsonNode node = present(root, "dictionaryAttack");
        if (node == null) {
            return HEADS_DICTIONARY_ATTACK;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("dictionaryAttack: must be {\"maxTries\": N, \"recoverySeconds\": N, "
                    + "\"lockoutRecoverySeconds\": N}");
        }
        refuseUnknown(node, DICTIONARY_ATTACK_KEYS, "dictionaryAttack.");
        int maxTries = integer(node, "maxTries", "dictionaryAttack.maxTries").orElse(HEADS_DICTIONARY_ATTACK.maxTries());
        int recovery = integer(node, "recoverySeconds", "dictionaryAttack.recoverySeconds")
                .orElse(HEADS_DICTIONARY_ATTACK.recoverySeconds());
        int lockout = integer(node, "lockoutRecoverySeconds", "dictionaryAttack.lockoutRecoverySeconds")
                .orElse(HEADS_DICTIONARY_ATTACK.lockoutRecoverySeconds());
        checkRange("dictionaryAttack.maxTries", maxTries, 1, MAX_TRIES);
        checkRange("dictionaryAttack.recoverySeconds", recovery, 0, MAX_SECONDS);
        checkRange("dictionaryAttack.lockoutRecoverySeconds", lockout, 0, MAX_SECONDS);
        return new DictionaryAttackParameters(maxTries, recovery, lockout);
    }

    /** The key's value; a key that is present with {@code null} is refused, never read as "the default". */
    private static JsonNode present(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node != null && node.isNull()) {
            throw new IllegalArgumentException(name + ": null is not an answer; leave the key out to take the default");
        }
        return node;
    }

    private static Optional<String> string(JsonNode root, String name) {
        JsonNode node = present(root, name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(name + ": must be a string, not " + kind(node));
        }
        return Optional.of(node.textValue());
    }

    private static Optional<Secret> secret(JsonNode root, String name) {
        return string(root, name).map(Answers::text);
    }

    private static OptionalInt integer(JsonNode root, String key, String field) {
        JsonNode node = present(root, key);
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": must be a whole number, not " + kind(node));
        }
        if (!node.canConvertToInt()) {
            throw new IllegalArgumentException(field + ": " + abbreviated(node.asText()) + " is out of range");
        }
        return OptionalInt.of(node.intValue());
    }

    private static Optional<Boolean> bool(JsonNode root, String name) {
        JsonNode node = present(root, name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(name + ": must be true or false, not " + kind(node));
        }
        return Optional.of(node.booleanValue());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "the number " + abbreviated(node.asText());
            case BOOLEAN -> node.asText();
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static Secret text(String value) {
        return Secret.adopt(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(Secret secret) {
        return new String(secret.bytes(), StandardCharsets.UTF_8);
    }

    private static void checkLength(String name, Secret value, int minimum) {
        String text = utf8(value);
        int length = text.codePointCount(0, text.length());
        if (length < minimum || length > MAX_PASSPHRASE) {
            throw new IllegalArgumentException(name + ": must be " + minimum + "-" + MAX_PASSPHRASE
                    + " characters (Heads' limits), not " + length);
        }
        if (hasControl(text)) {
            throw new IllegalArgumentException(name + ": holds a control character (a newline, tab, escape, ...)");
        }
    }

    private static void checkText(String name, String value, int maximum) {
        int length = value.codePointCount(0, value.length());
        if (value.isBlank() || length > maximum) {
            throw new IllegalArgumentException(name + ": must be 1-" + maximum + " characters, not " + length);
        }
        if (hasControl(value)) {
            throw new IllegalArgumentException(name + ": holds a control character (a newline, tab, escape, ...): '"
                    + TerminalText.escape(value) + "'");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(name + ": starts or ends with white space");
        }
    }

    private static void checkRange(String name, int value, int minimum, int maximum) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(name + ": must be " + minimum + "-" + maximum + ", not " + value);
        }
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A parser's message for ours: its first line, with any control character it quotes from the input escaped. */
    private static String firstLine(String message) {
        return message == null ? "" : TerminalText.escape(message.lines().findFirst().orElse(""));
    }

    @Override
    public void close() {
        List<Secret> secrets = new ArrayList<>(List.of(tpmOwnerPassphrase, currentTpmOwnerPassphrase, keyPassphrase,
                userPin, adminPin));
        diskUnlockPassphrase.ifPresent(secrets::add);
        diskRecoveryPassphrase.ifPresent(secrets::add);
        newDiskRecoveryPassphrase.ifPresent(secrets::add);
        secrets.forEach(Secret::close);
        recoveryAuth.close();
    }
}
