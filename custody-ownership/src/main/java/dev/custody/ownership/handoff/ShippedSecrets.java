package dev.custody.ownership.handoff;

import dev.custody.attest.OtpUri;
import dev.custody.boot.disk.Cryptsetup;
import dev.custody.boot.disk.KeyDevice;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secrets a hand-off is about to ship, checked against the machine now: the TOTP secret is
 * the one the TPM releases (unsealed and compared in constant time), the owner passphrase is
 * the TPM's, the disk recovery passphrase opens the disk. A secret replaced since it was saved
 * would make the new owner's receipt fail, or worse, hand them a passphrase that opens nothing.
 */
public final class ShippedSecrets {
    private ShippedSecrets() {}

    /** Refuses, naming every stale secret, unless each one that can be checked is current. */
    public static void check(Machine machine, Tpm tpm, OwnerSecrets secrets) {
        List<String> stale = new ArrayList<>();
        secrets.get(OwnerSecrets.TOTP_SECRET).flatMap(saved -> totp(machine, tpm, saved)).ifPresent(stale::add);
        secrets.get(OwnerSecrets.TPM_OWNER_PASSPHRASE)
                .filter(saved -> !tpm.authorizes(Hierarchy.OWNER, saved))
                .ifPresent(saved -> stale.add("tpmOwnerPassphrase is not the TPM's owner passphrase"));
        secrets.get(OwnerSecrets.DISK_RECOVERY_PASSPHRASE).flatMap(saved -> disk(machine, saved)).ifPresent(stale::add);
        if (!stale.isEmpty()) {
            throw new IllegalStateException("the owner secrets to ship are not the machine's current ones: "
                    + String.join("; ", stale) + "; nothing was written. Replace them in the secrets file (custody totp seal"
                    + " and custody disk-key seal keep a saved secrets.json current) and hand off again");
        }
    }

    private static Optional<String> totp(Machine machine, Tpm tpm, Secret saved) {
        try (Secret unsealed = new MachineOtp(machine, tpm).unseal()) {
            byte[] current = OtpUri.base32(unsealed.bytes()).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(current, saved.bytes()) ? Optional.empty()
                    : Optional.of("totpSecret is not the secret the TPM releases now (it was resealed since it was saved)");
        } catch (RuntimeException e) {
            return Optional.of("the TPM does not release the TOTP secret now, so the shipped one cannot be checked ("
                    + firstLine(e.getMessage()) + "); power the machine on as it will ship and hand off again");
        }
    }

    private static Optional<String> disk(Machine machine, Secret saved) {
        List<KeyDevice> devices = machine.diskDevices();
        return devices.stream().filter(device -> !Cryptsetup.testKey(device.path(), saved)).findFirst()
                .map(device -> "diskRecoveryPassphrase does not open " + device.name());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
