package dev.custody.ownership.reset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.apache.commons.codec.binary.Base32;

/**
 * Re-ownership on receipt: the factory reset again, with fresh random secrets, so that nothing
 * the provisioner knew (owner passphrase, key, TOTP secret, disk recovery and unlock
 * passphrases) still opens anything.
 */
public final class Rotation {
    /** 20 Base32 characters: 100 bits, inside Heads' 8-25 character limit, easy to copy by hand. */
    private static final int RANDOM_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Rotation() {}

    public static OwnerSecrets rotate(Machine machine, OwnerSecrets current) {
        return rotate(machine, current, "Owner", OwnershipReset.Progress.SILENT);
    }

    /**
     * Runs the re-ownership with fresh secrets, using {@code current} (recovered from the hand-off
     * shares) where the TPM or the disk need the old ones. Returns the new secrets, which the
     * caller shows once and closes.
     */
    public static OwnerSecrets rotate(Machine machine, OwnerSecrets current, String uid, OwnershipReset.Progress progress) {
        ObjectNode choices = JsonNodeFactory.instance.objectNode();
        choices.put("tpmOwnerPassphrase", randomPassphrase());
        current.get(OwnerSecrets.TPM_OWNER_PASSPHRASE).ifPresent(old -> choices.put("currentTpmOwnerPassphrase", text(old)));
        choices.put("uid", uid);
        choices.put("keyPassphrase", randomPassphrase());
        if (current.get(OwnerSecrets.DISK_UNLOCK_PASSPHRASE).isPresent()) {
            choices.put("diskUnlockKey", true);
            choices.put("diskUnlockPassphrase", randomPassphrase());
        }
        current.get(OwnerSecrets.DISK_RECOVERY_PASSPHRASE).ifPresent(old -> choices.put("diskRecoveryPassphrase", text(old)));
        if (current.get(OwnerSecrets.DISK_RECOVERY_PASSPHRASE).isPresent() || machine.recoveryPassphraseFile().isPresent()) {
            choices.put("newDiskRecoveryPassphrase", randomPassphrase());
        }
        try (Answers answers = Answers.of(choices);
             OwnershipReset.Outcome outcome = OwnershipReset.run(machine, answers, progress)) {
            OwnerSecrets fresh = new OwnerSecrets();
            outcome.secrets().all().forEach(fresh::with);
            return fresh;
        }
    }

    private static String randomPassphrase() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        String text = new Base32().encodeToString(bytes).replace("=", "");
        java.util.Arrays.fill(bytes, (byte) 0);
        return text;
    }

    private static String text(Secret secret) {
        return new String(secret.bytes(), StandardCharsets.UTF_8);
    }
}
