package dev.custody.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.attest.OtpUri;
import dev.custody.attest.QrCode;
import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.common.TerminalText;
import dev.custody.machine.SavedSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;

/**
 * The secrets an ownership run creates and that its owner must keep: shown once at the end of
 * {@code own reset}, optionally saved (0600), split into shares for a hand-off, rotated on
 * receipt. Closing it wipes every value.
 */
public final class OwnerSecrets implements AutoCloseable {
    public static final String TPM_OWNER_PASSPHRASE = "tpmOwnerPassphrase";
    public static final String KEY_PASSPHRASE = "keyPassphrase";
    public static final String USER_PIN = "userPin";
    public static final String ADMIN_PIN = "adminPin";
    public static final String DISK_RECOVERY_PASSPHRASE = "diskRecoveryPassphrase";
    public static final String DISK_UNLOCK_PASSPHRASE = SavedSecrets.DISK_UNLOCK_PASSPHRASE;
    /** The TOTP/HOTP secret in base32, so that a new owner can check the machine's code before rotating it. */
    public static final String TOTP_SECRET = SavedSecrets.TOTP_SECRET;
    /**
     * Not a secret: the fingerprint of the key that signed the hand-off manifest. Travelling inside
     * the shares, over channels apart from the bundle, it pins the signer when the new owner was
     * given no fingerprint of their own.
     */
    public static final String PROVISIONER_FINGERPRINT = "provisionerFingerprint";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Secret> values = new LinkedHashMap<>();

    public OwnerSecrets with(String name, Secret value) {
        Secret previous = values.put(name, Secret.copyOf(value.bytes()));
        if (previous != null) {
            previous.close();
        }
        return this;
    }

    public Optional<Secret> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Map<String, Secret> all() {
        return Collections.unmodifiableMap(values);
    }

    /** Every value as the text the owner writes down, in order; for showing them once. */
    public Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((name, value) -> text.put(name, new String(value.bytes(), StandardCharsets.UTF_8)));
        return text;
    }

    /** Every value on a line of its own, name and value in columns, as {@code own reset} shows them once. */
    public List<String> lines() {
        return asText().entrySet().stream().map(e -> String.format("  %-24s %s", e.getKey(), e.getValue())).toList();
    }

    /**
     * The new owner's secrets as {@code own receive} shows them once: the TOTP secret as a QR code
     * for {@code totpLabel}, then every value.
     */
    public String shownOnce(String totpLabel) {
        StringBuilder out = new StringBuilder("\nScan the new TOTP secret with your authenticator app (shown only now):\n");
        totpKey().ifPresent(key -> {
            try (key) {
                out.append(QrCode.of(OtpUri.totp(totpLabel, key.bytes())).toTerminal());
            }
        });
        out.append("\nYour new secrets (shown once; write them down now):\n");
        asText().forEach((name, value) -> out.append("  ").append(name).append(": ").append(value).append('\n'));
        return out.toString();
    }

    /** The TOTP/HOTP key itself, decoded from {@link #TOTP_SECRET}'s base32; the caller closes it. */
    public Optional<Secret> totpKey() {
        return get(TOTP_SECRET).map(base32 -> Secret.adopt(new Base32().decode(base32.bytes())));
    }

    /** UTF-8 JSON of every value; the caller wipes the array. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        values.forEach((name, value) -> node.put(name, new String(value.bytes(), StandardCharsets.UTF_8)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OwnerSecrets fromJson(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the owner secrets are not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the owner secrets are not a JSON object");
        }
        OwnerSecrets secrets = new OwnerSecrets();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("owner secret '" + TerminalText.escape(field.getKey()) + "' is not a string");
            }
            secrets.with(field.getKey(), Secret.adopt(field.getValue().textValue().getBytes(StandardCharsets.UTF_8)));
        }
        return secrets;
    }

    public void writePrivate(Path file) {
        byte[] json = toJson();
        try {
            AtomicFiles.writePrivate(file, json);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    @Override
    public void close() {
        values.values().forEach(Secret::close);
        values.clear();
    }
}
