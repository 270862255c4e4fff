package dev.custody.seals.store;

import dev.custody.openpgp.GnupgHome;
import dev.custody.openpgp.Keyring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a reference must be signed by. They have to come from somewhere the attacker who can
 * replace the stored photo cannot also write: a keyring file the user names, the owner keyring in
 * the (measured) firmware of a lab machine, or the user's own keys (GnuPG and the enrolled key files).
 */
public record ReferenceTrust(Keyring keyring, String description, Optional<Set<String>> onlyKeys) {
    /** GnuPG's public keyring holds other people's keys too; only the user's own keys may sign references. */
    public void requireAllowed(VerifiedReference reference, String name) {
        if (onlyKeys.isPresent() && !onlyKeys.get().contains(reference.signerFingerprint())) {
            throw new ReferenceRefusedException("refusing the reference of seal " + name + ": it is signed by "
                    + reference.signerFingerprint() + " (" + reference.signerOwner() + "), which is not one of "
                    + "your own keys; give --keyring FILE with the owner's public key to trust it");
        }
    }

    public static ReferenceTrust ofKeyringFile(Path file) {
        return new ReferenceTrust(Keyring.load(file), "keyring " + file, Optional.empty());
    }

    /** The owner keyring in a lab machine's firmware, which the machine measures. */
    public static ReferenceTrust ofFirmware(Optional<Keyring> firmwareKeyring, Path machine) {
        Keyring keyring = firmwareKeyring.orElseThrow(() -> new IllegalArgumentException("the firmware of " + machine
                + " holds no owner keyring; give --keyring FILE, or install the owner's key into the lab's firmware"));
        return new ReferenceTrust(keyring, "the owner keyring in " + machine + "'s firmware", Optional.empty());
    }

    /** The user's own keys: the secret keys in GnuPG's {@code home}, and the key files seals were enrolled with. */
    public static ReferenceTrust ofUser(Path home, SealSigners signers) {
        List<Keyring> keyrings = new ArrayList<>();
        Set<String> own = new HashSet<>();
        GnupgHome.publicKeyring(home).flatMap(ReferenceTrust::loadIfAny).ifPresent(k -> {
            keyrings.add(k);
            own.addAll(GnupgHome.ownFingerprints(home));
        });
        signers.keyring().ifPresent(k -> {
            keyrings.add(k);
            own.addAll(k.fingerprints());
        });
        if (keyrings.isEmpty()) {
            throw new IllegalArgumentException("no trusted keyring to check the reference with: give --keyring FILE (the "
                    + "owner's public key), enrol with --key (its public key is remembered in " + signers.directory()
                    + "), or import your key into GnuPG (" + home + ")");
        }
        return new ReferenceTrust(Keyring.combine(keyrings), "your own keys (GnuPG in " + home + ", and the key files you "
                + "enrolled seals with, remembered in " + signers.directory() + ")", Optional.of(own));
    }

    /** An empty GnuPG keyring (a fresh ~/.gnupg) trusts nothing, which is not an error. */
    private static Optional<Keyring> loadIfAny(Path pubring) {
        try {
            return Optional.of(Keyring.load(pubring));
        } catch (IllegalArgumentException empty) {
            return Optional.empty();
        }
    }
}
